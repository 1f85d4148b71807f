import { ts } from 'ts-morph';
import { DATA_MODEL_CATEGORIES } from '../../data-model/categories.js';
import { decoratorsOf, snakeCase, targetName } from '../../js/decorators.js';
import { literalText, property, stringValue, unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';
import { stringList } from '../../js/facts.js';
import type { Column, ForeignKey, Relation } from '../../report.js';
import type { AstRuleContext } from '../types.js';

const COLUMN_DECORATORS = /^(?:Column|PrimaryColumn|PrimaryGeneratedColumn|CreateDateColumn|UpdateDateColumn|DeleteDateColumn|VersionColumn|ObjectIdColumn)$/;

export default astRule({
  id: 'js.typeorm.entity',
  category: DATA_MODEL_CATEGORIES,
  confidence: 'high',
  message: 'TypeORM entity of the auth data model',
  keywords: ['typeorm', '@Entity'],
  create(context) {
    return {
      [ts.SyntaxKind.ClassDeclaration](node) {
        const declaration = node as ts.ClassDeclaration;
        if (!declaration.name) return;
        const entity = decoratorsOf(declaration, context.imports).find((use) => use.name === 'Entity' && (use.module === 'typeorm' || use.module === undefined));
        if (!entity) return;
        const options = entity.call?.arguments[0];
        const tableName = stringValue(options) ?? stringValue(property(options, 'name')) ?? snakeCase(declaration.name.text);
        readEntity(declaration, declaration.name.text, tableName, context);
      },
    };
  },
});

function readEntity(declaration: ts.ClassDeclaration, model: string, name: string, context: AstRuleContext): void {
  const columns: Column[] = [];
  const foreignKeys: ForeignKey[] = [];
  const relations: Relation[] = [];
  const primaryKey: string[] = [];
  for (const member of declaration.members) {
    if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) continue;
    const field = member.name.text;
    const uses = decoratorsOf(member, context.imports);
    const line = context.at(member).line;
    const columnUse = uses.find((use) => COLUMN_DECORATORS.test(use.name));
    if (columnUse) {
      const [first, second] = columnUse.call?.arguments ?? [];
      const options = first && ts.isObjectLiteralExpression(unwrap(first)) ? first : second;
      const columnName = stringValue(property(options, 'name')) ?? field;
      const declaredType = stringValue(first) ?? stringValue(property(options, 'type'));
      const isPrimary = /^Primary|ObjectIdColumn/.test(columnUse.name) || literalText(property(options, 'primary'), context.sourceFile) === 'true';
      const enumNode = property(options, 'enum');
      const enumValues = enumNode ? enumMembers(enumNode, context) : [];
      const defaultText = property(options, 'default')?.getText(context.sourceFile);
      columns.push({
        name: columnName,
        ...(columnName !== field ? { field } : {}),
        type: declaredType ?? member.type?.getText(context.sourceFile) ?? 'unknown',
        nullable: literalText(property(options, 'nullable'), context.sourceFile) === 'true' || member.questionToken !== undefined || columnUse.name === 'DeleteDateColumn',
        ...(literalText(property(options, 'unique'), context.sourceFile) === 'true' ? { unique: true } : {}),
        ...(isPrimary ? { primaryKey: true } : {}),
        ...(defaultText !== undefined ? { default: defaultText } : {}),
        ...(enumValues.length ? { enumValues } : {}),
        line,
      });
      if (isPrimary) primaryKey.push(columnName);
      continue;
    }
    const relationUse = uses.find((use) => /^(?:ManyToOne|OneToOne|OneToMany|ManyToMany)$/.test(use.name));
    if (!relationUse) continue;
    const target = targetName(relationUse.call?.arguments[0]) ?? member.type?.getText(context.sourceFile).replace(/\[\]$/, '') ?? 'unknown';
    const many = relationUse.name === 'OneToMany' || relationUse.name === 'ManyToMany';
    const joinTable = uses.find((use) => use.name === 'JoinTable');
    const through = joinTable ? stringValue(property(joinTable.call?.arguments[0], 'name')) ?? `${name}_${snakeCase(field)}_${snakeCase(target)}` : undefined;
    relations.push({ name: field, target, cardinality: many ? 'many' : 'one', ...(through ? { through } : {}) });
    const joinColumn = uses.find((use) => use.name === 'JoinColumn');
    if (relationUse.name === 'ManyToOne' || (relationUse.name === 'OneToOne' && joinColumn)) {
      const joinOptions = joinColumn?.call?.arguments[0];
      const column = stringValue(property(joinOptions, 'name')) ?? `${field}Id`;
      const referenced = stringValue(property(joinOptions, 'referencedColumnName')) ?? 'id';
      const onDelete = stringValue(property(relationUse.call?.arguments[2] ?? relationUse.call?.arguments[1], 'onDelete'));
      foreignKeys.push({ columns: [column], references: { table: target, columns: [referenced] }, ...(onDelete ? { onDelete } : {}) });
      if (!columns.some((entry) => entry.name === column)) columns.push({ name: column, type: 'foreign key', nullable: true, line });
    }
    if (joinTable && through) {
      const joinOptions = joinTable.call?.arguments[0];
      const ownColumn = stringValue(property(property(joinOptions, 'joinColumn'), 'name')) ?? `${camel(name)}Id`;
      const otherColumn = stringValue(property(property(joinOptions, 'inverseJoinColumn'), 'name')) ?? `${camel(snakeCase(target))}Id`;
      const joinAt = context.at(joinTable.node);
      context.table({
        name: through,
        source: 'typeorm',
        line: joinAt.line,
        column: joinAt.column,
        columns: [
          { name: ownColumn, type: 'foreign key', nullable: false, line },
          { name: otherColumn, type: 'foreign key', nullable: false, line },
        ],
        primaryKey: [ownColumn, otherColumn],
        foreignKeys: [
          { columns: [ownColumn], references: { table: model, columns: ['id'] } },
          { columns: [otherColumn], references: { table: target, columns: ['id'] } },
        ],
        relations: [],
      });
    }
  }
  const at = context.at(declaration.name ?? declaration);
  context.table({ name, model, source: 'typeorm', line: at.line, column: at.column, columns, primaryKey, foreignKeys, relations });
}

function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Values of an enum option: an array literal, or a TS enum declared in this file. */
function enumMembers(node: ts.Node, context: AstRuleContext): string[] {
  const listed = stringList(node);
  if (listed.length) return listed;
  const inner = unwrap(node);
  if (!ts.isIdentifier(inner)) return [];
  for (const statement of context.sourceFile.statements) {
    if (ts.isEnumDeclaration(statement) && statement.name.text === inner.text) {
      return statement.members.map((member) => stringValue(member.initializer) ?? member.name.getText(context.sourceFile));
    }
  }
  return [];
}
