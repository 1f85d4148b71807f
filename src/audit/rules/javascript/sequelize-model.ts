import { ts } from 'ts-morph';
import { DATA_MODEL_CATEGORIES } from '../../data-model/categories.js';
import { plural, snakeCase, targetName } from '../../js/decorators.js';
import { chainText, literalText, property, propertyName, stringValue, unwrap } from '../../js/expression-text.js';
import { stringList } from '../../js/facts.js';
import { astRule } from '../../js/kit.js';
import { objectArgument } from '../../js/session-facts.js';
import type { Column, ForeignKey, Relation } from '../../report.js';
import type { AstRuleContext } from '../types.js';

interface ModelDraft {
  model: string;
  name: string;
  line: number;
  column: number;
  columns: Column[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  relations: Relation[];
  underscored: boolean;
}

export default astRule({
  id: 'js.sequelize.model',
  category: DATA_MODEL_CATEGORIES,
  confidence: 'high',
  message: 'Sequelize model of the auth data model',
  keywords: ['sequelize', 'Sequelize'],
  create(context) {
    if (!context.imports.has(/^(?:sequelize|sequelize-typescript|@sequelize\/core)$/) && !/\bDataTypes\b/.test(context.text)) return {};
    const models = new Map<string, ModelDraft>();
    const variableOf = new Map<string, string>();
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = chainText(call.expression) ?? '';
        if (/(?:^|\.)define$/.test(callee) && stringValue(call.arguments[0]) !== undefined && call.arguments[1]) {
          const model = stringValue(call.arguments[0])!;
          const draft = readModel(model, objectArgument(call.arguments[1], context.sourceFile), objectArgument(call.arguments[2], context.sourceFile), call, context);
          models.set(model, draft);
          const declaration = call.parent;
          if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) variableOf.set(declaration.name.text, model);
          return;
        }
        const init = /^([\w$]+)\.init$/.exec(callee);
        if (init && call.arguments[0]) {
          const options = objectArgument(call.arguments[1], context.sourceFile);
          const model = stringValue(property(options, 'modelName')) ?? init[1]!;
          models.set(model, readModel(model, objectArgument(call.arguments[0], context.sourceFile), options, call, context));
          variableOf.set(init[1]!, model);
          return;
        }
        const association = /^(?:([\w$]+)|this|models\.([\w$]+))\.(belongsTo|hasOne|hasMany|belongsToMany)$/.exec(callee);
        if (association) addAssociation(association, call, models, variableOf, context);
      },
      fileExit() {
        for (const draft of models.values()) {
          context.table({ name: draft.name, model: draft.model, source: 'sequelize', line: draft.line, column: draft.column, columns: draft.columns, primaryKey: draft.primaryKey, foreignKeys: draft.foreignKeys, relations: draft.relations });
        }
      },
    };
  },
});

function readModel(model: string, attributes: ts.Node | undefined, options: ts.Node | undefined, call: ts.Node, context: AstRuleContext): ModelDraft {
  const underscored = literalText(property(options, 'underscored'), context.sourceFile) === 'true';
  const at = context.at(call);
  const draft: ModelDraft = {
    model,
    name: stringValue(property(options, 'tableName')) ?? plural(model),
    line: at.line,
    column: at.column,
    columns: [],
    primaryKey: [],
    foreignKeys: [],
    relations: [],
    underscored,
  };
  if (!attributes || !ts.isObjectLiteralExpression(attributes)) return draft;
  for (const element of attributes.properties) {
    if (!ts.isPropertyAssignment(element)) continue;
    const field = propertyName(element.name);
    if (!field) continue;
    const value = unwrap(element.initializer);
    const spec = ts.isObjectLiteralExpression(value) ? value : undefined;
    const typeNode = spec ? property(spec, 'type') : value;
    const name = stringValue(property(spec, 'field')) ?? (underscored ? snakeCase(field) : field);
    const references = property(spec, 'references');
    const isPrimary = literalText(property(spec, 'primaryKey'), context.sourceFile) === 'true';
    const enumValues = stringList(property(spec, 'values'));
    const typeText = typeNode ? typeNode.getText(context.sourceFile).replace(/^(?:DataTypes|Sequelize|DataType)\./, '') : 'unknown';
    const column: Column = {
      name,
      ...(name !== field ? { field } : {}),
      type: typeText,
      nullable: literalText(property(spec, 'allowNull'), context.sourceFile) !== 'false' && !isPrimary,
      ...(literalText(property(spec, 'unique'), context.sourceFile) === 'true' || (property(spec, 'unique') && !/false/.test(property(spec, 'unique')!.getText())) ? { unique: true } : {}),
      ...(isPrimary ? { primaryKey: true } : {}),
      ...(property(spec, 'defaultValue') ? { default: property(spec, 'defaultValue')!.getText(context.sourceFile) } : {}),
      ...(enumValues.length ? { enumValues } : /ENUM\(/.test(typeText) ? { enumValues: [...typeText.matchAll(/'([^']*)'/g)].map((match) => match[1]!) } : {}),
      line: context.at(element).line,
    };
    draft.columns.push(column);
    if (isPrimary) draft.primaryKey.push(name);
    if (references) {
      const table = stringValue(references) ?? stringValue(property(references, 'model')) ?? targetName(property(references, 'model')) ?? 'unknown';
      draft.foreignKeys.push({ columns: [name], references: { table, columns: [stringValue(property(references, 'key')) ?? 'id'] } });
    }
  }
  if (draft.primaryKey.length === 0) {
    // Sequelize adds an auto-increment `id` when no attribute is the primary key.
    draft.primaryKey = ['id'];
    if (!draft.columns.some((column) => column.name === 'id')) draft.columns.unshift({ name: 'id', type: 'INTEGER', nullable: false, primaryKey: true });
  }
  return draft;
}

function addAssociation(match: RegExpExecArray, call: ts.CallExpression, models: Map<string, ModelDraft>, variableOf: Map<string, string>, context: AstRuleContext): void {
  let owner = match[1] ?? match[2];
  if (!owner) {
    let node: ts.Node | undefined = call.parent;
    while (node && !ts.isClassDeclaration(node)) node = node.parent;
    owner = node && ts.isClassDeclaration(node) ? node.name?.text : undefined;
  }
  const draft = owner ? models.get(variableOf.get(owner) ?? owner) : undefined;
  const target = targetName(call.arguments[0]);
  if (!draft || !target) return;
  const targetModel = variableOf.get(target) ?? target;
  const options = call.arguments[1];
  const kind = match[3]!;
  const through = stringValue(property(options, 'through')) ?? targetName(property(options, 'through'));
  draft.relations.push({ name: stringValue(property(options, 'as')) ?? targetModel, target: targetModel, cardinality: kind === 'hasMany' || kind === 'belongsToMany' ? 'many' : 'one', ...(through ? { through } : {}) });
  if (kind === 'belongsTo') {
    const foreignKey = stringValue(property(options, 'foreignKey')) ?? stringValue(property(property(options, 'foreignKey'), 'name')) ?? (draft.underscored ? `${snakeCase(targetModel)}_id` : `${targetModel}Id`);
    draft.foreignKeys.push({ columns: [foreignKey], references: { table: targetModel, columns: ['id'] } });
    if (!draft.columns.some((column) => column.name === foreignKey)) draft.columns.push({ name: foreignKey, type: 'foreign key', nullable: true, line: context.at(call).line });
  }
  if (kind === 'belongsToMany' && through && !models.has(through)) {
    const at = context.at(call);
    const own = stringValue(property(options, 'foreignKey')) ?? (draft.underscored ? `${snakeCase(draft.model)}_id` : `${draft.model}Id`);
    const other = stringValue(property(options, 'otherKey')) ?? (draft.underscored ? `${snakeCase(targetModel)}_id` : `${targetModel}Id`);
    models.set(through, {
      model: through,
      name: through,
      line: at.line,
      column: at.column,
      columns: [{ name: own, type: 'foreign key', nullable: false, line: at.line }, { name: other, type: 'foreign key', nullable: false, line: at.line }],
      primaryKey: [own, other],
      foreignKeys: [{ columns: [own], references: { table: draft.model, columns: ['id'] } }, { columns: [other], references: { table: targetModel, columns: ['id'] } }],
      relations: [],
      underscored: draft.underscored,
    });
  }
}
