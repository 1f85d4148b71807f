import type { Column } from '../../report.js';
import type { Draft } from './activerecord.js';
import { braceBlock, pluralTable, quotedStrings, snakeCase } from './names.js';

const OPEN = /\bSchema::(?:connection\((?:[^()]|\([^()]*\))*\)\s*->\s*)?(create|table)\s*\(\s*(?:['"](\w+)['"]|\$\w+|config\()/;
const NO_COLUMN = new Set(['primary', 'unique', 'index', 'foreign', 'dropColumn', 'dropColumns', 'renameColumn', 'dropForeign', 'dropUnique', 'dropIndex', 'dropPrimary', 'engine', 'charset', 'collation', 'comment', 'dropTimestamps', 'dropSoftDeletes', 'dropRememberToken', 'spatialIndex', 'fullText', 'temporary', 'dropMorphs', 'dropConstrainedForeignId', 'dropForeignIdFor']);
const PRIMARY_TYPES = new Set(['id', 'increments', 'bigIncrements', 'mediumIncrements', 'smallIncrements', 'tinyIncrements']);

/**
 * A Laravel migration's `Schema::create('users', function (Blueprint $table) { ... })` (or
 * `Schema::table`, an alteration) starting at `lines[index]`, as a table draft: `$table->string('email')`
 * and the other column types with their `->nullable()`, `->unique()`, `->default()`, `->primary()`
 * modifiers; `id()`, `timestamps()`, `softDeletes()`, `rememberToken()`, `morphs()`; foreign keys from
 * `foreignId(...)->constrained()`, `foreignIdFor(Model::class)` and `foreign(...)->references()->on()`.
 */
export function laravelMigrationDraft(lines: readonly string[], index: number, file: string): Draft | undefined {
  const open = OPEN.exec(lines[index]!);
  const name = open?.[2] ?? tableOfMigrationFile(file);
  if (!open || !name) return undefined;
  const draft: Draft = {
    name,
    source: 'eloquent',
    line: index + 1,
    column: open.index + 1,
    columns: [],
    primaryKey: [],
    foreignKeys: [],
    relations: [],
    ...(open[1] === 'table' ? { alteration: true } : {}),
  };
  const { body } = braceBlock(lines, index);
  for (const statement of statements(body)) apply(draft, statement.text, statement.line);
  return draft;
}

/** The table a migration named `2016_01_15_105324_create_roles_table.php` is about, when its code reads the name from config. */
export function tableOfMigrationFile(file: string): string | undefined {
  return /(?:^|\/)\d[\d_]*_(?:create|add_\w+_to|update|alter)_(\w+?)_table\.php$/.exec(file)?.[1];
}

/** `$table->...;` statements of the closure body, joined across lines, with the line each starts on. */
function statements(body: Array<{ text: string; index: number }>): Array<{ text: string; line: number }> {
  const found: Array<{ text: string; line: number }> = [];
  let current = '';
  let line = 0;
  for (const part of body) {
    for (const piece of part.text.split(/(;)/)) {
      if (piece === ';') {
        if (current.trim()) found.push({ text: current.trim(), line });
        current = '';
        continue;
      }
      if (!current.trim() && piece.trim()) line = part.index + 1;
      current += ' ' + piece;
    }
  }
  return found;
}

function apply(draft: Draft, statement: string, line: number): void {
  const call = /^\$\w+\s*->\s*(\w+)\s*\(([^)]*)\)(.*)$/s.exec(statement);
  if (!call) return;
  const [, method, argsText, chain] = call as unknown as [string, string, string, string];
  const args = quotedStrings(argsText);
  const modifiers = chain.replace(/\s+/g, '');
  if (method === 'primary') {
    draft.primaryKey = args.length ? args : draft.primaryKey;
    return;
  }
  if (method === 'unique' && args.length === 1) {
    const column = draft.columns.find((entry) => entry.name === args[0]);
    if (column) column.unique = true;
    return;
  }
  if (method === 'foreign') {
    const references = /->references\(\s*['"](\w+)['"]/.exec(chain)?.[1] ?? 'id';
    const on = /->on\(\s*['"](\w+)['"]/.exec(chain)?.[1];
    const onDelete = /->(?:onDelete\(\s*['"](\w+)['"]|(cascadeOnDelete|nullOnDelete|restrictOnDelete)\()/.exec(chain);
    if (on && args.length) draft.foreignKeys.push({ columns: args, references: { table: on, columns: [references] }, ...(onDelete ? { onDelete: onDeleteName(onDelete) } : {}) });
    return;
  }
  if (NO_COLUMN.has(method)) return;
  const add = (column: Column) => {
    const existing = draft.columns.find((entry) => entry.name === column.name);
    if (existing) Object.assign(existing, column);
    else draft.columns.push(column);
  };
  const nullable = modifiers.includes('->nullable()') || modifiers.includes('->nullable(true)');
  if (method === 'timestamps' || method === 'timestampsTz' || method === 'nullableTimestamps') {
    add({ name: 'created_at', type: 'timestamp', nullable: true, line });
    add({ name: 'updated_at', type: 'timestamp', nullable: true, line });
    return;
  }
  if (method === 'softDeletes' || method === 'softDeletesTz') return add({ name: args[0] ?? 'deleted_at', type: 'timestamp', nullable: true, line });
  if (method === 'rememberToken') return add({ name: 'remember_token', type: 'string', nullable: true, line });
  if (/^(?:nullable|uuid)?[mM]orphs$/.test(method)) {
    if (!args[0]) return;
    add({ name: `${args[0]}_type`, type: 'string', nullable: method.startsWith('nullable'), line });
    add({ name: `${args[0]}_id`, type: method.startsWith('uuid') ? 'uuid' : 'bigint', nullable: method.startsWith('nullable'), line });
    return;
  }
  let name = args[0];
  let target: string | undefined;
  if (method === 'foreignIdFor') {
    const model = /(\w+)::class/.exec(argsText)?.[1];
    if (!model) return;
    name = args[0] ?? `${snakeCase(model)}_id`;
    target = pluralTable(snakeCase(model));
  }
  if (PRIMARY_TYPES.has(method)) name ??= 'id';
  if (!name) return;
  const defaultValue = /->default\(([^)]*)\)/.exec(chain)?.[1]?.trim();
  const column: Column = {
    name,
    type: method,
    nullable,
    ...(/->unique\(\)/.test(modifiers) ? { unique: true } : {}),
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    ...(method === 'enum' || method === 'set' ? { enumValues: quotedStrings(argsText.slice(argsText.indexOf('['))) } : {}),
    line,
  };
  if (PRIMARY_TYPES.has(method) || /->primary\(\)/.test(modifiers)) {
    column.primaryKey = true;
    column.nullable = false;
    if (!draft.primaryKey.includes(name)) draft.primaryKey.push(name);
  }
  add(column);
  const constrained = /->constrained\(([^)]*)\)/.exec(chain);
  if (constrained || target) {
    const table = quotedStrings(constrained?.[1] ?? '')[0] ?? target ?? pluralTable(name.replace(/_id$/, ''));
    const onDelete = /->(?:onDelete\(\s*['"](\w+)['"]|(cascadeOnDelete|nullOnDelete|restrictOnDelete)\()/.exec(chain);
    draft.foreignKeys.push({ columns: [name], references: { table, columns: ['id'] }, ...(onDelete ? { onDelete: onDeleteName(onDelete) } : {}) });
  }
}

function onDeleteName(match: RegExpExecArray): string {
  if (match[1]) return match[1];
  return { cascadeOnDelete: 'cascade', nullOnDelete: 'set null', restrictOnDelete: 'restrict' }[match[2]!] ?? match[2]!;
}
