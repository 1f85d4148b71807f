import { ts } from 'ts-morph';
import { DATA_MODEL_CATEGORIES } from '../../data-model/categories.js';
import { chainText, stringValue, unwrap } from '../../js/expression-text.js';
import { isFunctionLike } from '../../js/analyze.js';
import { stringList } from '../../js/facts.js';
import { astRule } from '../../js/kit.js';
import type { Column, ForeignKey } from '../../report.js';
import type { AstRuleContext } from '../types.js';

const CREATE = /(?:^|\.)schema(?:\.withSchema\(\))?\.(createTable|createTableIfNotExists|createTableLike|table|alterTable)$/;
const KEY_TYPES = /^(?:increments|bigIncrements)$/;

export default astRule({
  id: 'js.knex.schema',
  category: DATA_MODEL_CATEGORIES,
  confidence: 'high',
  message: 'Knex migration table of the auth data model',
  keywords: ['createTable', 'alterTable', 'schema.table'],
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const match = CREATE.exec(chainText(call.expression) ?? '');
        const name = stringValue(call.arguments[0]);
        const builder = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
        if (!match || !name || !builder || !isFunctionLike(builder)) return;
        const parameter = builder.parameters[0];
        if (!parameter || !ts.isIdentifier(parameter.name)) return;
        readTable(call, name, parameter.name.text, builder, match[1] === 'table' || match[1] === 'alterTable', context);
      },
    };
  },
});

function readTable(call: ts.CallExpression, name: string, table: string, builder: ts.FunctionLikeDeclaration, alteration: boolean, context: AstRuleContext): void {
  const columns: Column[] = [];
  const foreignKeys: ForeignKey[] = [];
  let primaryKey: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) {
      const chain = columnChain(node.expression, table);
      if (chain) applyChain(chain, context.at(node).line);
      return;
    }
    ts.forEachChild(node, visit);
  };
  const applyChain = (chain: { base: ts.CallExpression; type: string; calls: Map<string, ts.CallExpression> }, line: number) => {
    const { base, type, calls } = chain;
    const first = stringValue(base.arguments[0]);
    if (type === 'primary') {
      primaryKey = stringList(base.arguments[0]);
      return;
    }
    if (type === 'foreign') {
      const reference = referenceOf(calls);
      if (reference) foreignKeys.push({ columns: stringList(base.arguments[0]), references: reference });
      return;
    }
    if (type === 'timestamps') {
      columns.push({ name: 'created_at', type: 'timestamp', nullable: true, line }, { name: 'updated_at', type: 'timestamp', nullable: true, line });
      return;
    }
    if (!first || /^(?:index|unique|dropColumn|dropColumns|renameColumn|dropForeign|dropPrimary|dropIndex|dropUnique|dropTimestamps)$/.test(type)) {
      if (type === 'unique') {
        const names = stringList(base.arguments[0]);
        if (names.length === 1) for (const column of columns) if (column.name === names[0]) column.unique = true;
      }
      return;
    }
    const isPrimary = KEY_TYPES.test(type) || calls.has('primary');
    const defaultCall = calls.get('defaultTo');
    const enumValues = /^(?:enu|enum)$/.test(type) ? stringList(base.arguments[1]) : [];
    columns.push({
      name: first,
      type: type === 'specificType' ? (stringValue(base.arguments[1]) ?? type) : type,
      nullable: !calls.has('notNullable') && !isPrimary,
      ...(calls.has('unique') ? { unique: true } : {}),
      ...(isPrimary ? { primaryKey: true } : {}),
      ...(defaultCall?.arguments[0] ? { default: defaultCall.arguments[0].getText(context.sourceFile) } : {}),
      ...(enumValues.length ? { enumValues } : {}),
      line,
    });
    if (isPrimary) primaryKey = [first];
    const reference = referenceOf(calls);
    if (reference) foreignKeys.push({ columns: [first], references: reference, ...(stringValue(calls.get('onDelete')?.arguments[0]) ? { onDelete: stringValue(calls.get('onDelete')?.arguments[0])!.toLowerCase() } : {}) });
  };
  if (builder.body) visit(builder.body);
  const at = context.at(call);
  context.table({ name, source: 'knex', line: at.line, column: at.column, columns, primaryKey, foreignKeys, relations: [], ...(alteration ? { alteration: true } : {}) });
}

/** `t.string('email').notNullable().unique()` -> type string, base call, chained calls by name. */
function columnChain(node: ts.Node, table: string): { base: ts.CallExpression; type: string; calls: Map<string, ts.CallExpression> } | undefined {
  const calls = new Map<string, ts.CallExpression>();
  let current = unwrap(node);
  while (ts.isCallExpression(current)) {
    const callee = unwrap(current.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const receiver = unwrap(callee.expression);
    if (ts.isIdentifier(receiver) && receiver.text === table) return { base: current, type: callee.name.text, calls };
    calls.set(callee.name.text, current);
    current = receiver;
  }
  return undefined;
}

/** `.references('id').inTable('organizations')` or `.references('organizations.id')`. */
function referenceOf(calls: Map<string, ts.CallExpression>): ForeignKey['references'] | undefined {
  const references = stringValue(calls.get('references')?.arguments[0]);
  if (!references) return undefined;
  const inTable = stringValue(calls.get('inTable')?.arguments[0]);
  if (inTable) return { table: inTable, columns: [references] };
  const dot = references.lastIndexOf('.');
  return dot === -1 ? { table: references, columns: ['id'] } : { table: references.slice(0, dot), columns: [references.slice(dot + 1)] };
}
