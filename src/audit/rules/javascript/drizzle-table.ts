import { ts } from 'ts-morph';
import { DATA_MODEL_CATEGORIES } from '../../data-model/categories.js';
import { targetName } from '../../js/decorators.js';
import { chainText, property, propertyName, stringValue, unwrap } from '../../js/expression-text.js';
import { stringList } from '../../js/facts.js';
import { astRule } from '../../js/kit.js';
import type { Column, ForeignKey } from '../../report.js';
import type { AstRuleContext } from '../types.js';

const TABLE_FUNCTIONS = /^(?:pgTable|mysqlTable|sqliteTable|singlestoreTable|pgTableCreator|table)$/;

export default astRule({
  id: 'js.drizzle.table',
  category: DATA_MODEL_CATEGORIES,
  confidence: 'high',
  message: 'Drizzle table of the auth data model',
  keywords: ['drizzle-orm'],
  create(context) {
    if (!context.imports.has(/^drizzle-orm/)) return {};
    const enums = new Map<string, string[]>();
    for (const statement of context.sourceFile.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer && unwrap(declaration.initializer);
        if (ts.isIdentifier(declaration.name) && init && ts.isCallExpression(init) && /(?:pgEnum|mysqlEnum)$/.test(chainText(init.expression) ?? '')) {
          enums.set(declaration.name.text, stringList(init.arguments[1]));
        }
      }
    }
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const resolved = context.imports.resolve(call.expression);
        const fn = resolved && /^drizzle-orm/.test(resolved.module) ? resolved.path : undefined;
        if (!fn || !TABLE_FUNCTIONS.test(fn)) return;
        const name = stringValue(call.arguments[0]);
        const shape = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
        if (!name || !shape || !ts.isObjectLiteralExpression(shape)) return;
        const declaration = call.parent;
        const variable = declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
        readTable(call, name, variable, shape, call.arguments[2], enums, context);
      },
    };
  },
});

function readTable(
  call: ts.CallExpression,
  name: string,
  variable: string | undefined,
  shape: ts.ObjectLiteralExpression,
  extras: ts.Node | undefined,
  enums: Map<string, string[]>,
  context: AstRuleContext,
): void {
  const columns: Column[] = [];
  const foreignKeys: ForeignKey[] = [];
  const columnOfField = new Map<string, string>();
  let primaryKey: string[] = [];
  for (const element of shape.properties) {
    if (!ts.isPropertyAssignment(element)) continue;
    const field = propertyName(element.name);
    if (!field) continue;
    const chain = builderChain(element.initializer);
    if (!chain) continue;
    const columnName = stringValue(chain.base.arguments[0]) ?? field;
    columnOfField.set(field, columnName);
    const methods = new Map(chain.calls.map((entry) => [entry.name, entry.call]));
    const typeName = chain.base.expression.getText(context.sourceFile);
    const enumValues = enums.get(typeName) ?? stringList(property(chain.base.arguments[1], 'enum'));
    const defaultCall = methods.get('default') ?? methods.get('defaultNow') ?? methods.get('defaultRandom') ?? methods.get('$defaultFn');
    const isPrimary = methods.has('primaryKey');
    columns.push({
      name: columnName,
      ...(columnName !== field ? { field } : {}),
      type: typeName,
      nullable: !methods.has('notNull') && !isPrimary,
      ...(methods.has('unique') ? { unique: true } : {}),
      ...(isPrimary ? { primaryKey: true } : {}),
      ...(defaultCall ? { default: defaultCall.getText(context.sourceFile).replace(/^[\s\S]*?\.(?=(?:default|defaultNow|defaultRandom|\$defaultFn)\()/, '') } : {}),
      ...(enumValues.length ? { enumValues } : {}),
      line: context.at(element).line,
    });
    if (isPrimary) primaryKey.push(columnName);
    const references = methods.get('references');
    if (references) {
      const target = referenceTarget(references.arguments[0]);
      const onDelete = stringValue(property(references.arguments[1], 'onDelete'));
      if (target) foreignKeys.push({ columns: [columnName], references: { table: target.table, columns: [target.column] }, ...(onDelete ? { onDelete } : {}) });
    }
  }
  const composite = extras ? compositeKey(extras, columnOfField) : undefined;
  if (composite?.length) primaryKey = composite;
  const at = context.at(call);
  context.table({ name, ...(variable ? { model: variable } : {}), source: 'drizzle', line: at.line, column: at.column, columns, primaryKey, foreignKeys, relations: [] });
}

/** `varchar('email', {...}).notNull().unique()` -> base call varchar(...) and the calls after it. */
function builderChain(node: ts.Node): { base: ts.CallExpression; calls: Array<{ name: string; call: ts.CallExpression }> } | undefined {
  const calls: Array<{ name: string; call: ts.CallExpression }> = [];
  let current = unwrap(node);
  while (ts.isCallExpression(current)) {
    const callee = unwrap(current.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      calls.unshift({ name: callee.name.text, call: current });
      current = unwrap(callee.expression);
    } else if (ts.isIdentifier(callee)) {
      return { base: current, calls };
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** `() => organizations.id` -> organizations (the table variable) / id. */
function referenceTarget(node: ts.Node | undefined): { table: string; column: string } | undefined {
  if (!node) return undefined;
  let inner = unwrap(node);
  if (ts.isArrowFunction(inner) && !ts.isBlock(inner.body)) inner = unwrap(inner.body);
  if (ts.isPropertyAccessExpression(inner)) return { table: targetName(inner.expression) ?? inner.expression.getText(), column: inner.name.text };
  return undefined;
}

/** `(t) => ({ pk: primaryKey({ columns: [t.userId, t.orgId] }) })` or `(t) => [primaryKey(t.a, t.b)]`. */
function compositeKey(node: ts.Node, columnOfField: Map<string, string>): string[] | undefined {
  let found: string[] | undefined;
  const visit = (current: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(current) && /(?:^|\.)primaryKey$/.test(chainText(current.expression) ?? '')) {
      const list = property(current.arguments[0], 'columns');
      const members = list && ts.isArrayLiteralExpression(unwrap(list)) ? (unwrap(list) as ts.ArrayLiteralExpression).elements : current.arguments;
      found = members.map((member) => {
        const inner = unwrap(member);
        const field = ts.isPropertyAccessExpression(inner) ? inner.name.text : inner.getText();
        return columnOfField.get(field) ?? field;
      });
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}
