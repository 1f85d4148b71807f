import type { Column, ForeignKey, Relation } from '../report.js';
import type { TableDraft } from '../engine/file-result.js';

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Boolean', 'DateTime', 'Float', 'Decimal', 'Json', 'Bytes', 'Unsupported']);

interface Block {
  keyword: 'model' | 'enum' | 'view' | 'type';
  name: string;
  line: number;
  column: number;
  body: Array<{ text: string; line: number }>;
}

/** Models of a Prisma schema as table drafts: @@map/@map names, ids, uniques, defaults, enums, relations and foreign keys. */
export function parsePrismaSchema(text: string): Array<Omit<TableDraft, 'ruleId' | 'file'>> {
  const blocks = readBlocks(text);
  const enums = new Map<string, string[]>();
  for (const block of blocks) {
    if (block.keyword === 'enum') enums.set(block.name, block.body.map((entry) => entry.text.split(/\s+/)[0]!).filter((value) => /^\w+$/.test(value)));
  }
  const modelNames = new Set(blocks.filter((block) => block.keyword === 'model' || block.keyword === 'view').map((block) => block.name));
  const tables: Array<Omit<TableDraft, 'ruleId' | 'file'>> = [];
  for (const block of blocks) {
    if (block.keyword !== 'model' && block.keyword !== 'view') continue;
    const columns: Column[] = [];
    const foreignKeys: ForeignKey[] = [];
    const relations: Relation[] = [];
    let primaryKey: string[] = [];
    let tableName = block.name;
    const columnOf = new Map<string, string>();
    const pendingKeys: Array<{ fields: string[]; references: string[]; target: string; onDelete?: string }> = [];
    for (const { text: entry, line } of block.body) {
      if (entry.startsWith('@@')) {
        const map = /^@@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(entry);
        if (map) tableName = map[1]!;
        const id = /^@@id\(\s*(?:fields:\s*)?\[([^\]]*)\]/.exec(entry);
        if (id) primaryKey = splitList(id[1]!);
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(entry);
      if (!field) continue;
      const [, name, type, list, optional, attributes = ''] = field as unknown as [string, string, string, string | undefined, string | undefined, string];
      if (modelNames.has(type) && !SCALARS.has(type)) {
        const relation = /@relation\(([^)]*)\)/.exec(attributes);
        const fields = relation ? /fields:\s*\[([^\]]*)\]/.exec(relation[1]!) : null;
        const references = relation ? /references:\s*\[([^\]]*)\]/.exec(relation[1]!) : null;
        const onDelete = relation ? /onDelete:\s*(\w+)/.exec(relation[1]!) : null;
        relations.push({ name, target: type, cardinality: list ? 'many' : 'one' });
        if (fields && references) pendingKeys.push({ fields: splitList(fields[1]!), references: splitList(references[1]!), target: type, ...(onDelete ? { onDelete: onDelete[1]! } : {}) });
        continue;
      }
      const mapped = /@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(attributes);
      const columnName = mapped ? mapped[1]! : name;
      columnOf.set(name, columnName);
      const defaultValue = attributeArgument(attributes, '@default');
      const nativeType = /@db\.(\w+(?:\([^)]*\))?)/.exec(attributes);
      const column: Column = {
        name: columnName,
        ...(mapped ? { field: name } : {}),
        type: nativeType ? `${type} (${nativeType[1]})` : list ? `${type}[]` : type,
        nullable: optional === '?',
        ...(/@unique\b/.test(attributes) ? { unique: true } : {}),
        ...(/@id\b/.test(attributes) ? { primaryKey: true } : {}),
        ...(defaultValue !== undefined ? { default: defaultValue } : {}),
        ...(enums.has(type) ? { enumValues: enums.get(type)! } : {}),
        line,
      };
      if (column.primaryKey) primaryKey = [columnName];
      columns.push(column);
    }
    for (const key of pendingKeys) {
      foreignKeys.push({
        columns: key.fields.map((field) => columnOf.get(field) ?? field),
        references: { table: key.target, columns: key.references },
        ...(key.onDelete ? { onDelete: key.onDelete } : {}),
      });
    }
    tables.push({
      name: tableName,
      model: block.name,
      source: 'prisma',
      line: block.line,
      column: block.column,
      columns,
      primaryKey: primaryKey.map((field) => columnOf.get(field) ?? field),
      foreignKeys,
      relations,
    });
  }
  return tables;
}

/** Prisma references name target fields; after every model is read, turn them into column names. */
export function resolvePrismaReferences(tables: Array<Omit<TableDraft, 'ruleId' | 'file'>>): void {
  const byModel = new Map(tables.map((table) => [table.model, table]));
  for (const table of tables) {
    for (const key of table.foreignKeys) {
      const target = byModel.get(key.references.table);
      if (!target) continue;
      key.references.columns = key.references.columns.map((field) => target.columns.find((column) => column.field === field)?.name ?? field);
    }
  }
}

function readBlocks(text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  let current: Block | undefined;
  lines.forEach((raw, index) => {
    const line = stripComment(raw).trim();
    if (!current) {
      const open = /^(model|enum|view|type)\s+(\w+)\s*\{\s*$/.exec(line);
      if (open) current = { keyword: open[1] as Block['keyword'], name: open[2]!, line: index + 1, column: raw.indexOf(open[1]!) + 1, body: [] };
      return;
    }
    if (line === '}') {
      blocks.push(current);
      current = undefined;
      return;
    }
    if (line) current.body.push({ text: line, line: index + 1 });
  });
  return blocks;
}

function stripComment(line: string): string {
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (char === '"' && line[index - 1] !== '\\') quoted = !quoted;
    if (!quoted && char === '/' && line[index + 1] === '/') return line.slice(0, index);
  }
  return line;
}

/** The text inside `@attr(...)`, balancing nested parentheses: `@default(now())` -> `now()`. */
function attributeArgument(attributes: string, name: string): string | undefined {
  const start = attributes.indexOf(name + '(');
  if (start === -1) return undefined;
  let depth = 0;
  for (let index = start + name.length; index < attributes.length; index += 1) {
    if (attributes[index] === '(') depth += 1;
    else if (attributes[index] === ')') {
      depth -= 1;
      if (depth === 0) return attributes.slice(start + name.length + 1, index);
    }
  }
  return undefined;
}

function splitList(text: string): string[] {
  return text.split(',').map((part) => part.trim().replace(/\(.*\)$/, '')).filter(Boolean);
}
