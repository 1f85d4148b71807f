import { ts } from 'ts-morph';
import { DATA_MODEL_CATEGORIES } from '../../data-model/categories.js';
import { decoratorsOf, plural, targetName } from '../../js/decorators.js';
import { chainText, literalText, property, propertyName, stringValue, unwrap } from '../../js/expression-text.js';
import { stringList } from '../../js/facts.js';
import { astRule } from '../../js/kit.js';
import type { Column, ForeignKey, Relation } from '../../report.js';
import type { AstRuleContext } from '../types.js';

interface SchemaDraft {
  node: ts.Node;
  columns: Column[];
  foreignKeys: ForeignKey[];
  relations: Relation[];
  collection?: string;
  model?: string;
}

export default astRule({
  id: 'js.mongoose.model',
  category: DATA_MODEL_CATEGORIES,
  confidence: 'high',
  message: 'Mongoose model of the auth data model',
  keywords: ['mongoose'],
  create(context) {
    // Mongoose itself, or the app's own module that connects and re-exports it (`../infrastructure/Mongoose.mjs`).
    if (!context.imports.has(/^(?:mongoose|@nestjs\/mongoose)$|^\.{1,2}\/(?:.*\/)?mongoose(?:\.[cm]?[jt]s)?$/i)) return {};
    const schemas = new Map<string, SchemaDraft>();
    const anonymous: SchemaDraft[] = [];
    const models: Array<{ model: string; schema: string | SchemaDraft; collection?: string }> = [];
    return {
      [ts.SyntaxKind.NewExpression](node) {
        const expression = node as ts.NewExpression;
        const callee = chainText(expression.expression) ?? '';
        if (!/(?:^|\.)Schema$/.test(callee) || !expression.arguments?.[0]) return;
        const definition = unwrap(expression.arguments[0]);
        if (!ts.isObjectLiteralExpression(definition)) return;
        const draft = readSchema(expression, definition, expression.arguments[1], context);
        const declaration = expression.parent;
        if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) schemas.set(declaration.name.text, draft);
        else anonymous.push(draft);
      },
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = chainText(call.expression) ?? '';
        if (!/(?:^|\.)model$/.test(callee)) return;
        const model = stringValue(call.arguments[0]);
        const schema = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
        if (!model || !schema) return;
        const collection = stringValue(call.arguments[2]);
        if (ts.isIdentifier(schema)) models.push({ model, schema: schema.text, ...(collection ? { collection } : {}) });
        else {
          const inline = anonymous.find((draft) => draft.node === schema);
          if (inline) models.push({ model, schema: inline, ...(collection ? { collection } : {}) });
        }
      },
      [ts.SyntaxKind.ClassDeclaration](node) {
        const declaration = node as ts.ClassDeclaration;
        const schemaUse = decoratorsOf(declaration, context.imports).find((use) => use.name === 'Schema' && use.module === '@nestjs/mongoose');
        if (!schemaUse || !declaration.name) return;
        const draft = readNestSchema(declaration, context);
        draft.collection = stringValue(property(schemaUse.call?.arguments[0], 'collection'));
        schemas.set(declaration.name.text, { ...draft, model: declaration.name.text });
      },
      fileExit() {
        for (const draft of schemas.values()) inlineSubdocuments(draft, schemas);
        const used = new Set<SchemaDraft>();
        for (const entry of models) {
          const draft = typeof entry.schema === 'string' ? schemas.get(entry.schema) : entry.schema;
          if (!draft) continue;
          used.add(draft);
          emit(draft, entry.model, entry.collection ?? draft.collection, context);
        }
        const embedded = new Set([...schemas.values()].flatMap((draft) => draft.columns.map((column) => column.type?.replace(/\[\]$/, ''))));
        for (const [variable, draft] of schemas) {
          // A schema used as a field type of another is a sub-document, not a collection.
          if (used.has(draft) || embedded.has(variable)) continue;
          const model = draft.model ?? variable.replace(/Schema$/i, '').replace(/^./, (letter) => letter.toUpperCase());
          if (model) emit(draft, model, draft.collection, context);
        }
      },
    };
  },
});

/** A field typed with another schema of the file (`memberships: [MembershipSchema]`) gets that schema's fields as `memberships.<field>`. */
function inlineSubdocuments(draft: SchemaDraft, schemas: Map<string, SchemaDraft>): void {
  for (const column of [...draft.columns]) {
    const isArray = column.type?.endsWith('[]') ?? false;
    const sub = column.type ? schemas.get(column.type.replace(/\[\]$/, '')) : undefined;
    if (!sub || sub === draft) continue;
    for (const field of sub.columns) draft.columns.push({ ...field, name: `${column.name}.${field.name}` });
    for (const relation of sub.relations) draft.relations.push({ ...relation, name: `${column.name}.${relation.name}`, cardinality: isArray ? 'many' : relation.cardinality });
    if (!isArray) for (const key of sub.foreignKeys) draft.foreignKeys.push({ ...key, columns: key.columns.map((name) => `${column.name}.${name}`) });
  }
}

function emit(draft: SchemaDraft, model: string, collection: string | undefined, context: AstRuleContext): void {
  const at = context.at(draft.node);
  context.table({
    name: collection ?? plural(model.toLowerCase()),
    model,
    source: 'mongoose',
    line: at.line,
    column: at.column,
    columns: [{ name: '_id', type: 'ObjectId', nullable: false, primaryKey: true }, ...draft.columns],
    primaryKey: ['_id'],
    foreignKeys: draft.foreignKeys,
    relations: draft.relations,
  });
}

function readSchema(node: ts.Node, definition: ts.ObjectLiteralExpression, options: ts.Node | undefined, context: AstRuleContext): SchemaDraft {
  const draft: SchemaDraft = { node, columns: [], foreignKeys: [], relations: [] };
  const collection = stringValue(property(options, 'collection'));
  if (collection) draft.collection = collection;
  for (const element of definition.properties) {
    if (!ts.isPropertyAssignment(element)) continue;
    const field = propertyName(element.name);
    if (field) addField(draft, field, element.initializer, context.at(element).line, context);
  }
  if (literalText(property(options, 'timestamps'), context.sourceFile) === 'true') {
    draft.columns.push({ name: 'createdAt', type: 'Date', nullable: false }, { name: 'updatedAt', type: 'Date', nullable: false });
  }
  return draft;
}

function readNestSchema(declaration: ts.ClassDeclaration, context: AstRuleContext): SchemaDraft {
  const draft: SchemaDraft = { node: declaration.name ?? declaration, columns: [], foreignKeys: [], relations: [] };
  for (const member of declaration.members) {
    if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) continue;
    const prop = decoratorsOf(member, context.imports).find((use) => use.name === 'Prop');
    if (!prop) continue;
    const options = prop.call?.arguments[0];
    const spec = options && ts.isObjectLiteralExpression(unwrap(options)) ? unwrap(options) : undefined;
    const typeText = member.type?.getText(context.sourceFile);
    addField(draft, member.name.text, spec ?? member.type ?? member.name, context.at(member).line, context, typeText);
  }
  return draft;
}

function addField(draft: SchemaDraft, field: string, value: ts.Node, line: number, context: AstRuleContext, declaredType?: string): void {
  const inner = unwrap(value);
  const isArray = ts.isArrayLiteralExpression(inner);
  const element = isArray ? (inner.elements[0] ? unwrap(inner.elements[0]) : undefined) : inner;
  const spec = element && ts.isObjectLiteralExpression(element) ? element : undefined;
  const typeNode = spec ? property(spec, 'type') : element;
  const type = (typeNode ? typeNode.getText(context.sourceFile).replace(/^(?:mongoose\.)?Schema\.Types\.|^Types\./, '') : declaredType ?? 'Mixed') + (isArray ? '[]' : '');
  const ref = stringValue(property(spec, 'ref')) ?? targetName(property(spec, 'ref'));
  const enumValues = stringList(property(spec, 'enum'));
  const required = property(spec, 'required');
  const defaultNode = property(spec, 'default');
  draft.columns.push({
    name: field,
    type,
    nullable: !required || literalText(required, context.sourceFile) === 'false',
    ...(literalText(property(spec, 'unique'), context.sourceFile) === 'true' ? { unique: true } : {}),
    ...(defaultNode ? { default: defaultNode.getText(context.sourceFile) } : {}),
    ...(enumValues.length ? { enumValues } : {}),
    line,
  });
  if (ref) {
    draft.relations.push({ name: field, target: ref, cardinality: isArray ? 'many' : 'one' });
    if (!isArray) draft.foreignKeys.push({ columns: [field], references: { table: ref, columns: ['_id'] } });
  }
}
