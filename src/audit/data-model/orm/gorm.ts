import type { Column, ForeignKey, Relation } from '../../report.js';
import type { Draft } from './activerecord.js';
import { braceBlock, pluralTable, snakeCase } from './names.js';

const STRUCT = /^type\s+(\w+)\s+struct\s*\{/;
const FIELD = /^\s*([A-Z]\w*(?:\s*,\s*[A-Z]\w*)*)\s+([*\[\]\w.]+)\s*(`[^`]*`)?/;
const EMBEDDED = /^\s*\*?([\w.]+)\s*(`[^`]*`)?\s*$/;
const SCALAR = /^(?:string|bool|byte|rune|u?int(?:8|16|32|64)?|float(?:32|64)|complex(?:64|128)|any|interface\{\}|\w+\.\w+)$/;

/**
 * A gorm model (`type User struct { ... }` in a file that uses gorm) starting at `lines[index]`, as table
 * drafts: the table gorm derives (snake_case plural, or the name a `TableName()` method returns), columns
 * from exported fields (`gorm:"column:..."`, `primaryKey`, `not null`, `unique`, `default:`), `gorm.Model`'s
 * id and timestamps, relations to other models with their `<Model>ID` foreign keys, and the join table of
 * every `many2many:` field.
 */
export function gormDrafts(lines: readonly string[], index: number, text: string): Draft[] {
  const open = STRUCT.exec(lines[index]!);
  if (!open) return [];
  const model = open[1]!;
  const name = tableNameOverride(text, model) ?? pluralTable(snakeCase(model));
  const draft: Draft = { name, model, source: 'gorm', line: index + 1, column: 1, columns: [], primaryKey: [], foreignKeys: [], relations: [] };
  const joins: Draft[] = [];
  const { body } = braceBlock(lines, index);
  const fields: Array<{ field: string; type: string; tags: Map<string, string>; line: number }> = [];
  for (const { text: line, index: at } of body) {
    const embedded = EMBEDDED.exec(line);
    if (embedded && /^(?:gorm\.Model|Model)$/.test(embedded[1]!)) {
      for (const [column, type] of [['id', 'uint'], ['created_at', 'time.Time'], ['updated_at', 'time.Time'], ['deleted_at', 'gorm.DeletedAt']] as const) {
        draft.columns.push({ name: column, type, nullable: column === 'deleted_at', ...(column === 'id' ? { primaryKey: true } : {}), line: at + 1 });
      }
      draft.primaryKey.push('id');
      continue;
    }
    const match = FIELD.exec(line);
    if (!match) continue;
    const tags = gormTags(match[3] ?? '');
    if (tags.has('-')) continue;
    for (const field of match[1]!.split(/\s*,\s*/)) fields.push({ field, type: match[2]!, tags, line: at + 1 });
  }
  const fieldNames = new Set(fields.map((entry) => entry.field));
  for (const { field, type, tags, line } of fields) {
    const bare = type.replace(/^[*[\]]+/, '');
    const many = type.replace(/^\*/, '').startsWith('[]') && bare !== 'byte';
    const isModel = /^[A-Z]\w*$/.test(bare) && (many || fieldNames.has(`${field}ID`) || tags.has('foreignKey') || tags.has('references'));
    if (isModel) {
      const through = tags.get('many2many');
      const relation: Relation = { name: field, target: bare, cardinality: many ? 'many' : 'one', ...(through ? { through } : {}) };
      draft.relations.push(relation);
      if (through) joins.push(joinTable(through, model, bare, line));
      continue;
    }
    if (!SCALAR.test(bare) && !/^[A-Z]\w*$/.test(bare)) continue;
    const column: Column = {
      name: tags.get('column') ?? snakeCase(field),
      ...(field !== snakeCase(field) ? { field } : {}),
      type: tags.get('type') ?? type,
      nullable: type.startsWith('*') || /^sql\.Null/.test(bare) ? !tags.has('not null') : false,
      ...(tags.has('unique') || tags.has('uniqueIndex') ? { unique: true } : {}),
      ...(tags.has('default') ? { default: tags.get('default')! } : {}),
      ...(tags.has('primaryKey') || tags.has('primary_key') || (field === 'ID' && !fields.some((entry) => entry.tags.has('primaryKey'))) ? { primaryKey: true } : {}),
      line,
    };
    if (column.primaryKey) draft.primaryKey.push(column.name);
    draft.columns.push(column);
  }
  for (const relation of draft.relations) {
    if (relation.cardinality !== 'one') continue;
    const own = fields.find((entry) => entry.field === relation.name);
    const keyField = own?.tags.get('foreignKey') ?? `${relation.name}ID`;
    const key = draft.columns.find((column) => column.field === keyField || column.name === snakeCase(keyField));
    if (key) draft.foreignKeys.push({ columns: [key.name], references: { table: relation.target, columns: [snakeCase(own?.tags.get('references') ?? 'ID')] } } satisfies ForeignKey);
  }
  return [draft, ...joins];
}

/** gorm's implicit join table: `<model>_id` and `<target>_id`, both keys. */
function joinTable(name: string, model: string, target: string, line: number): Draft {
  const own = `${snakeCase(model)}_id`;
  const other = `${snakeCase(target)}_id`;
  return {
    name,
    source: 'gorm',
    line,
    column: 1,
    columns: [
      { name: own, type: 'foreign key', nullable: false, primaryKey: true, line },
      { name: other, type: 'foreign key', nullable: false, primaryKey: true, line },
    ],
    primaryKey: [own, other],
    foreignKeys: [
      { columns: [own], references: { table: model, columns: ['id'] } },
      { columns: [other], references: { table: target, columns: ['id'] } },
    ],
    relations: [],
  };
}

/** `gorm:"column:email;uniqueIndex;not null"` -> column=email, uniqueIndex, not null (keys as written). */
function gormTags(tag: string): Map<string, string> {
  const tags = new Map<string, string>();
  const value = /gorm:"([^"]*)"/.exec(tag)?.[1];
  if (value === undefined) return tags;
  for (const part of value.split(';')) {
    const [key, ...rest] = part.split(':');
    if (!key?.trim()) continue;
    const normalized = key.trim().toLowerCase() === 'not null' ? 'not null' : key.trim().replace(/^unique_index$/i, 'uniqueIndex').replace(/^foreignkey$/i, 'foreignKey').replace(/^primarykey$/i, 'primaryKey');
    tags.set(normalized, rest.join(':').trim());
  }
  return tags;
}

/** `func (User) TableName() string { return "accounts" }` anywhere in the file. */
function tableNameOverride(text: string, model: string): string | undefined {
  const pattern = new RegExp(String.raw`func\s*\(\s*(?:\w+\s+)?\*?${model}\s*\)\s*TableName\s*\(\s*\)\s*string\s*\{\s*return\s+"([\w.]+)"`);
  return pattern.exec(text)?.[1];
}
