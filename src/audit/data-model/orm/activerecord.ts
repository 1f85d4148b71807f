import type { TableDraft } from '../../engine/file-result.js';
import type { Column, ForeignKey } from '../../report.js';
import { pluralTable, singularTable } from './names.js';

export type Draft = Omit<TableDraft, 'ruleId' | 'file'>;

const NAME = String.raw`[:"'](\w+)["']?`;
const CREATE = new RegExp(String.raw`^\s*create_table\s*\(?\s*${NAME}(.*)$`);
const CHANGE = new RegExp(String.raw`^\s*change_table\s*\(?\s*${NAME}`);
const ADD_COLUMN = new RegExp(String.raw`^\s*add_column\s*\(?\s*${NAME}\s*,\s*${NAME}\s*,\s*:?["']?(\w+)["']?(.*)$`);
const ADD_REFERENCE = new RegExp(String.raw`^\s*add_(?:reference|belongs_to)\s*\(?\s*${NAME}\s*,\s*${NAME}(.*)$`);
const ADD_FOREIGN_KEY = new RegExp(String.raw`^\s*add_foreign_key\s*\(?\s*${NAME}\s*,\s*${NAME}(.*)$`);
const ADD_INDEX = new RegExp(String.raw`^\s*add_index\s*\(?\s*${NAME}\s*,\s*(\[[^\]]*\]|[:"']\w+["']?)(.*)$`);
const COLUMN_LINE = /^\s*t\.(\w+)\s*\(?\s*(.*)$/;

/**
 * One statement of db/schema.rb or a Rails migration, starting at `lines[index]`, as table drafts:
 * `create_table` with its block (id column, typed columns, `null:`/`default:` options, references,
 * timestamps, unique indexes), and the alterations `change_table`, `add_column`, `add_reference`,
 * `add_foreign_key` and `add_index` fold into the table they name.
 */
export function activeRecordDrafts(lines: readonly string[], index: number): Draft[] {
  const line = lines[index]!;
  const base = (name: string, alteration: boolean): Draft => ({
    name,
    source: 'activerecord',
    line: index + 1,
    column: line.search(/\S/) + 1,
    columns: [],
    primaryKey: [],
    foreignKeys: [],
    relations: [],
    ...(alteration ? { alteration: true } : {}),
  });
  let match = CREATE.exec(line);
  if (match) {
    const draft = base(match[1]!, false);
    const options = match[2]!;
    if (!/\bid:\s*false\b/.test(options)) {
      const key = /\bprimary_key:\s*[:"'](\w+)/.exec(options)?.[1] ?? 'id';
      const type = /\bid:\s*:(\w+)/.exec(options)?.[1] ?? 'bigint';
      draft.columns.push({ name: key, type, nullable: false, primaryKey: true, line: index + 1 });
      draft.primaryKey.push(key);
    }
    readBlock(lines, index, draft);
    return [draft];
  }
  if ((match = CHANGE.exec(line))) {
    const draft = base(match[1]!, true);
    readBlock(lines, index, draft);
    return [draft];
  }
  if ((match = ADD_COLUMN.exec(line))) {
    const draft = base(match[1]!, true);
    draft.columns.push(column(match[2]!, match[3]!, match[4]!, index + 1));
    return [draft];
  }
  if ((match = ADD_REFERENCE.exec(line))) {
    const draft = base(match[1]!, true);
    addReference(draft, match[2]!, match[3]!, index + 1);
    return [draft];
  }
  if ((match = ADD_FOREIGN_KEY.exec(line))) {
    const draft = base(match[1]!, true);
    const options = match[3]!;
    const own = /\bcolumn:\s*[:"'](\w+)/.exec(options)?.[1] ?? `${singularTable(match[2]!)}_id`;
    const onDelete = /\bon_delete:\s*:(\w+)/.exec(options)?.[1];
    draft.foreignKeys.push({ columns: [own], references: { table: match[2]!, columns: [/\bprimary_key:\s*[:"'](\w+)/.exec(options)?.[1] ?? 'id'] }, ...(onDelete ? { onDelete } : {}) });
    return [draft];
  }
  if ((match = ADD_INDEX.exec(line)) && /\bunique:\s*true\b/.test(match[3]!)) {
    const names = [...match[2]!.matchAll(/[:"'](\w+)/g)].map((entry) => entry[1]!);
    if (names.length === 1) {
      const draft = base(match[1]!, true);
      draft.columns.push({ name: names[0]!, unique: true });
      return [draft];
    }
  }
  return [];
}

/** Column lines of a `create_table`/`change_table` block, up to its `end`. */
function readBlock(lines: readonly string[], start: number, draft: Draft): void {
  if (!/\bdo\b/.test(lines[start]!)) return;
  let depth = 0;
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (/^\s*end\b/.test(line)) {
      if (depth === 0) return;
      depth -= 1;
      continue;
    }
    if (/\bdo\b(?:\s*\|[^|]*\|)?\s*$/.test(line) || /^\s*(?:if|unless|case|begin)\b/.test(line)) depth += 1;
    const match = COLUMN_LINE.exec(line);
    if (!match) continue;
    const [, type, rest] = match as unknown as [string, string, string];
    if (type === 'timestamps') {
      for (const name of ['created_at', 'updated_at']) upsert(draft, { name, type: 'datetime', nullable: !/null:\s*false/.test(rest), line: index + 1 });
    } else if (type === 'references' || type === 'belongs_to') {
      for (const name of symbols(rest)) addReference(draft, name, rest, index + 1);
    } else if (type === 'index') {
      const names = [...(/^\[([^\]]*)\]/.exec(rest)?.[1] ?? /^[:"'](\w+)/.exec(rest)?.[0] ?? '').matchAll(/[:"']?(\w+)/g)].map((entry) => entry[1]!);
      if (names.length === 1 && /\bunique:\s*true\b/.test(rest)) upsert(draft, { name: names[0]!, unique: true });
    } else if (type === 'column') {
      const parts = /^[:"'](\w+)["']?\s*,\s*:?["']?(\w+)["']?(.*)$/.exec(rest);
      if (parts) upsert(draft, column(parts[1]!, parts[2]!, parts[3]!, index + 1));
    } else if (!/^(?:remove|rename|change|remove_\w+|check_constraint)$/.test(type)) {
      for (const name of symbols(rest)) upsert(draft, column(name, type, rest, index + 1));
    }
  }
}

/** Leading column names of a column line: `"email", null: false` -> email; `:first_name, :last_name` -> both. */
function symbols(rest: string): string[] {
  const names: string[] = [];
  for (const part of rest.split(',')) {
    const match = /^\s*[:"'](\w+)["']?\s*\)?\s*$/.exec(part);
    if (!match) break;
    names.push(match[1]!);
  }
  if (names.length) return names;
  const first = /^\s*[:"'](\w+)/.exec(rest);
  return first ? [first[1]!] : [];
}

function column(name: string, type: string, options: string, line: number): Column {
  const defaultValue = /\bdefault:\s*("[^"]*"|'[^']*'|[^,\s)]+)/.exec(options)?.[1];
  const values = /\bvalues:\s*\[([^\]]*)\]|\benum_type:\s*[:"'](\w+)/.exec(options);
  return {
    name,
    type,
    nullable: !/\bnull:\s*false\b/.test(options),
    ...(/\bunique:\s*true\b/.test(options) ? { unique: true } : {}),
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    ...(values?.[1] ? { enumValues: [...values[1].matchAll(/[:"'](\w+)/g)].map((entry) => entry[1]!) } : {}),
    line,
  };
}

function addReference(draft: Draft, name: string, options: string, line: number): void {
  const columnName = `${name}_id`;
  upsert(draft, { name: columnName, type: /\btype:\s*:(\w+)/.exec(options)?.[1] ?? 'bigint', nullable: !/\bnull:\s*false\b/.test(options), line });
  if (/\bpolymorphic:\s*true\b/.test(options)) {
    upsert(draft, { name: `${name}_type`, type: 'string', line });
    return;
  }
  const target = /\bto_table:\s*[:"'](\w+)/.exec(options)?.[1] ?? pluralTable(name);
  const onDelete = /\bon_delete:\s*:(\w+)/.exec(options)?.[1];
  const key: ForeignKey = { columns: [columnName], references: { table: target, columns: ['id'] }, ...(onDelete ? { onDelete } : {}) };
  draft.foreignKeys.push(key);
}

function upsert(draft: Draft, column: Column): void {
  const existing = draft.columns.find((entry) => entry.name === column.name);
  if (existing) Object.assign(existing, { ...column, ...existing, ...(column.unique ? { unique: true } : {}) });
  else draft.columns.push(column);
}
