import { classifyTable } from '../../data-model/classify.js';
import type { TextRule } from '../types.js';

const CATEGORY = { user: 'user-model', organization: 'org-model', role: 'role-model', membership: 'role-model' } as const;
const TABLE = /(?:\bCreateModel\s*\(\s*(?:name\s*=\s*)?|\bop\.(?:create_table|add_column|alter_column|drop_column)\s*\(\s*|\b(?:AddField|AlterField|RemoveField)\s*\(\s*model_name\s*=\s*)['"](\w+)['"]/;

/** Django migrations and Alembic revisions that create or change user, organization and role tables. */
const rule: TextRule = {
  id: 'python.migration.auth-table',
  kind: 'text',
  ecosystem: 'python',
  category: ['user-model', 'org-model', 'role-model'],
  confidence: 'medium',
  message: 'Migration of an auth table: the export reads this table',
  keywords: ['CreateModel', 'create_table', 'add_column', 'alter_column', 'AddField', 'AlterField'],
  files: /(?:^|\/)(?:migrations|alembic|versions)\//,
  pattern: /\bCreateModel\s*\(|\bop\.(?:create_table|add_column|alter_column|drop_column)\s*\(|\b(?:AddField|AlterField|RemoveField)\s*\(/,
  classify(match, line, context) {
    // `migrations.CreateModel(` often has `name="..."` on the next line.
    const next = context.text.split('\n', context.line + 1)[context.line] ?? '';
    const found = TABLE.exec(line) ?? TABLE.exec(line.slice(0, match.index + match[0].length) + next.trim());
    const name = found?.[1];
    const kind = name ? classifyTable([name], [])?.kind : undefined;
    if (!kind) return null;
    return { column: match.index + 1, overrides: { category: CATEGORY[kind], message: `Migration of the ${name} table (${kind}): the export reads it` } };
  },
};

export default rule;
