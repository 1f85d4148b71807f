import type { TableDraft } from '../engine/file-result.js';
import type { Column, ForeignKey } from '../report.js';

type Draft = Omit<TableDraft, 'ruleId' | 'file'>;

/**
 * CREATE TABLE and ALTER TABLE ... ADD statements of SQL migrations as table drafts
 * (PostgreSQL, MySQL, SQLite dialects): columns with types, NOT NULL, UNIQUE, DEFAULT,
 * primary and foreign keys, CHECK (x IN (...)) and enum values.
 */
export function parseSqlSchema(source: string): Draft[] {
  const text = blankComments(source);
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const position = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  const enums = new Map<string, string[]>();
  for (const match of text.matchAll(/create\s+type\s+([\w."]+)\s+as\s+enum\s*\(([^)]*)\)/gi)) enums.set(unquote(match[1]!).toLowerCase(), quotedValues(match[2]!));

  const drafts: Draft[] = [];
  const create = /create\s+(?:(?:global\s+|local\s+)?(?:temp|temporary|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?((?:[`"[]?[\w$]+[`"\]]?\.)?[`"[]?[\w$]+[`"\]]?)\s*\(/gi;
  for (const match of text.matchAll(create)) {
    const open = match.index! + match[0].length - 1;
    const close = matchingParen(text, open);
    if (close === -1) continue;
    const at = position(match.index!);
    const draft: Draft = { name: tableName(match[1]!), source: 'sql', line: at.line, column: at.column, columns: [], primaryKey: [], foreignKeys: [], relations: [] };
    for (const item of splitTopLevel(text, open + 1, close)) applyItem(draft, item.text, position(item.offset).line, enums);
    drafts.push(draft);
  }
  const alter = /alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?((?:[`"[]?[\w$]+[`"\]]?\.)?[`"[]?[\w$]+[`"\]]?)\s+([^;]+);?/gi;
  for (const match of text.matchAll(alter)) {
    const at = position(match.index!);
    const draft: Draft = { name: tableName(match[1]!), source: 'sql', line: at.line, column: at.column, columns: [], primaryKey: [], foreignKeys: [], relations: [], alteration: true };
    const bodyStart = match.index! + match[0].indexOf(match[2]!);
    for (const item of splitTopLevel(text, bodyStart, bodyStart + match[2]!.length)) {
      const added = /^add\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?([\s\S]*)$/i.exec(item.text.trim());
      if (added) applyItem(draft, added[1]!, position(item.offset).line, enums);
    }
    if (draft.columns.length || draft.foreignKeys.length || draft.primaryKey.length) drafts.push(draft);
  }
  return drafts;
}

function applyItem(draft: Draft, raw: string, line: number, enums: Map<string, string[]>): void {
  const item = raw.trim().replace(/^constraint\s+[`"[]?[\w$]+[`"\]]?\s+/i, '');
  if (!item) return;
  const primary = /^primary\s+key\s*\(([^)]*)\)/i.exec(item);
  if (primary) {
    draft.primaryKey = identifiers(primary[1]!);
    for (const column of draft.columns) if (draft.primaryKey.includes(column.name)) column.primaryKey = true;
    return;
  }
  const foreign = /^foreign\s+key\s*\(([^)]*)\)\s*references\s+([`"[]?[\w$.]+[`"\]]?)\s*(?:\(([^)]*)\))?([\s\S]*)$/i.exec(item);
  if (foreign) {
    draft.foreignKeys.push(foreignKey(identifiers(foreign[1]!), foreign[2]!, foreign[3], foreign[4] ?? ''));
    return;
  }
  if (/^(?:unique|check|index|key|fulltext|spatial|exclude)\b/i.test(item)) {
    const unique = /^unique\s*(?:key|index)?\s*[`"[]?[\w$]*[`"\]]?\s*\(([^)]*)\)/i.exec(item);
    if (unique) {
      const names = identifiers(unique[1]!);
      if (names.length === 1) for (const column of draft.columns) if (column.name === names[0]) column.unique = true;
    }
    const check = /^check\s*\(\s*[`"[]?([\w$]+)[`"\]]?\s+in\s*\(([^)]*)\)/i.exec(item);
    if (check) for (const column of draft.columns) if (column.name === check[1]) column.enumValues = quotedValues(check[2]!);
    return;
  }
  const definition = /^([`"[]?[\w$]+[`"\]]?)\s+([\w.]+(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone|unsigned))*(?:\s*\([^)]*\))?(?:\[\])?)([\s\S]*)$/i.exec(item);
  if (!definition) return;
  const name = unquote(definition[1]!);
  const type = definition[2]!.toLowerCase().replace(/\s+/g, ' ');
  const rest = definition[3] ?? '';
  const column: Column = { name, type, line };
  column.nullable = !/\bnot\s+null\b/i.test(rest) && !/\bprimary\s+key\b/i.test(rest);
  if (/\bunique\b/i.test(rest)) column.unique = true;
  if (/\bprimary\s+key\b/i.test(rest)) {
    column.primaryKey = true;
    draft.primaryKey = [name];
  }
  const defaultValue = /\bdefault\s+('(?:[^']|'')*'|\([^)]*\)|[\w.:]+(?:\(\))?)/i.exec(rest);
  if (defaultValue) column.default = defaultValue[1]!;
  const enumValues = /^enum\s*\(/i.test(type) ? quotedValues(definition[2]!) : enums.get(type.replace(/"/g, '')) ?? checkValues(rest, name);
  if (enumValues?.length) column.enumValues = enumValues;
  const reference = /\breferences\s+([`"[]?[\w$.]+[`"\]]?)\s*(?:\(([^)]*)\))?([\s\S]*)$/i.exec(rest);
  if (reference) draft.foreignKeys.push(foreignKey([name], reference[1]!, reference[2], reference[3] ?? ''));
  draft.columns.push(column);
}

function foreignKey(columns: string[], table: string, targetColumns: string | undefined, rest: string): ForeignKey {
  const onDelete = /\bon\s+delete\s+(cascade|restrict|set\s+null|set\s+default|no\s+action)/i.exec(rest);
  return {
    columns,
    references: { table: tableName(table), columns: targetColumns ? identifiers(targetColumns) : ['id'] },
    ...(onDelete ? { onDelete: onDelete[1]!.toLowerCase().replace(/\s+/g, ' ') } : {}),
  };
}

function checkValues(rest: string, name: string): string[] | undefined {
  const check = new RegExp(`check\\s*\\(\\s*[\`"[]?${name}[\`"\\]]?\\s+in\\s*\\(([^)]*)\\)`, 'i').exec(rest);
  return check ? quotedValues(check[1]!) : undefined;
}

/** Comments replaced by spaces (newlines kept), so offsets still give the right line. */
function blankComments(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === "'") {
      const end = skipQuoted(text, index);
      out += text.slice(index, end);
      index = end;
    } else if (char === '-' && text[index + 1] === '-') {
      const end = text.indexOf('\n', index);
      const stop = end === -1 ? text.length : end;
      out += ' '.repeat(stop - index);
      index = stop;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(index, stop).replace(/[^\n]/g, ' ');
      index = stop;
    } else {
      out += char;
      index += 1;
    }
  }
  return out;
}

function skipQuoted(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    if (text[index] === "'") {
      if (text[index + 1] === "'") index += 2;
      else return index + 1;
    } else {
      index += 1;
    }
  }
  return text.length;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    const char = text[index];
    if (char === "'") {
      index = skipQuoted(text, index) - 1;
    } else if (char === '(') {
      depth += 1;
    } else if (char === ')') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

function splitTopLevel(text: string, start: number, end: number): Array<{ text: string; offset: number }> {
  const items: Array<{ text: string; offset: number }> = [];
  let depth = 0;
  let itemStart = start;
  for (let index = start; index < end; index += 1) {
    const char = text[index];
    if (char === "'") index = skipQuoted(text, index) - 1;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === ',' && depth === 0) {
      items.push(item(text, itemStart, index));
      itemStart = index + 1;
    }
  }
  items.push(item(text, itemStart, end));
  return items.filter((entry) => entry.text.trim());
}

function item(text: string, start: number, end: number): { text: string; offset: number } {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), offset: start + lead };
}

function unquote(name: string): string {
  return name.replace(/^[`"[]|[`"\]]$/g, '');
}

function tableName(qualified: string): string {
  const parts = qualified.split('.').map(unquote);
  if (parts.length === 2 && /^(?:public|dbo|main)$/i.test(parts[0]!)) return parts[1]!;
  return parts.join('.');
}

function identifiers(list: string): string[] {
  return list.split(',').map((part) => unquote(part.trim().split(/\s+/)[0] ?? '')).filter(Boolean);
}

function quotedValues(list: string): string[] {
  return [...list.matchAll(/'((?:[^']|'')*)'/g)].map((match) => match[1]!.replace(/''/g, "'"));
}
