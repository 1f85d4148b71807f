import { ts } from 'ts-morph';
import { classifyTable } from '../../data-model/classify.js';
import type { Category } from '../../categories.js';
import type { AstRule } from '../types.js';

const CREATE_TABLE = /\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:["`[]?\w+["`\]]?\.)?["`[]?(\w+)["`\]]?/gi;
const CATEGORY: Record<string, Category> = { user: 'user-model', organization: 'org-model', role: 'role-model', membership: 'role-model' };

/** `CREATE TABLE` in SQL written inside JS/TS strings (TypeORM and knex.raw migrations, seed scripts). */
const rule: AstRule = {
  id: 'js.sql-string.auth-table',
  kind: 'ast',
  ecosystem: 'javascript',
  category: ['user-model', 'org-model', 'role-model'],
  confidence: 'medium',
  message: 'Auth table created by SQL in a string: the export reads this table',
  keywords: ['CREATE TABLE', 'create table'],
  create(context) {
    const visit = (node: ts.Node) => {
      const text = ts.isTemplateExpression(node) ? node.head.text : (node as ts.StringLiteral).text;
      if (!/create\s+table/i.test(text)) return;
      const reported = new Set<Category>();
      for (const match of text.matchAll(CREATE_TABLE)) {
        const kind = classifyTable([match[1]!], [])?.kind;
        const category = kind ? CATEGORY[kind] : undefined;
        if (!category || reported.has(category)) continue;
        reported.add(category);
        context.report(node, { category, message: `Table ${match[1]} (${kind}) created by SQL in a string: the export reads it` });
      }
    };
    return {
      [ts.SyntaxKind.StringLiteral]: visit,
      [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: visit,
      [ts.SyntaxKind.TemplateExpression]: visit,
    };
  },
};

export default rule;
