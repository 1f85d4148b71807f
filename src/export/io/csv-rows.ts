import { UserInputError } from '../../errors.js';
import { readTextChunks } from './text-file.js';

export type CsvRow =
  | { ok: true; line: number; values: Record<string, string> }
  | { ok: false; line: number; reason: string; record: unknown };

/** What a CSV read met besides records: the counts check compares records against physical records read. */
export interface CsvStats {
  /** Records after the header: each yielded once, as a row or as a failure. */
  records: number;
  /** Lines starting with `#` outside a quoted field, skipped. */
  commentLines: number;
}

/** A quoted field may span lines, but not this many: past it, the opening quote is taken as a stray one. */
const MAX_RECORD_LINES = 1000;

/**
 * Rows of a CSV file as header -> value objects. Any line ending (CRLF, LF, CR, mixed), a BOM,
 * quoted fields with commas, doubled quotes and newlines, `#` comment lines and blank lines are
 * handled. A record with the wrong number of fields is a failed row with its line number; when it
 * spans several lines because of a stray quote, only its first line is failed and the lines after
 * it are read again, so one bad row never swallows the next. Failed rows never carry values.
 */
export async function* csvRows(path: string, stats: CsvStats = { records: 0, commentLines: 0 }): AsyncGenerator<CsvRow> {
  let header: string[] | undefined;
  const pending: { line: number; text: string }[] = [];
  const lines = physicalLines(path);
  let exhausted = false;

  const next = async (): Promise<{ line: number; text: string } | undefined> => {
    if (pending.length > 0) return pending.shift();
    if (exhausted) return undefined;
    const item = await lines.next();
    if (item.done) {
      exhausted = true;
      return undefined;
    }
    return item.value;
  };

  for (let first = await next(); first !== undefined; first = await next()) {
    if (first.text.trim() === '') continue;
    if (first.text.startsWith('#')) {
      stats.commentLines += 1;
      continue;
    }
    const taken = [first];
    let parsed = parseRecord(first.text);
    while (parsed.open && taken.length < MAX_RECORD_LINES) {
      const more = await next();
      if (more === undefined) break;
      taken.push(more);
      parsed = parseRecord(taken.map((entry) => entry.text).join('\n'));
    }
    if (!header) {
      if (parsed.open || parsed.fields.every((name) => name.trim() === '')) throw new UserInputError(`${path}: the first line must name the columns`);
      header = parsed.fields.map((name) => name.trim());
      continue;
    }
    const fits = !parsed.open && parsed.fields.length === header.length;
    if (!fits && taken.length > 1) {
      // A stray quote opened a field that never closed in place: fail this line alone, re-read the rest.
      pending.unshift(...taken.slice(1));
      stats.records += 1;
      yield { ok: false, line: first.line, reason: 'unbalanced quote in a CSV row', record: { line: first.line } };
      continue;
    }
    stats.records += 1;
    if (parsed.open) {
      yield { ok: false, line: first.line, reason: 'unbalanced quote in a CSV row', record: { line: first.line } };
    } else if (!fits) {
      // The values are never kept: a ragged row may hold a password hash in any position.
      yield { ok: false, line: first.line, reason: `wrong number of CSV fields: ${parsed.fields.length}, the header has ${header.length}`, record: { line: first.line, fields: parsed.fields.length } };
    } else {
      const values: Record<string, string> = {};
      header.forEach((name, i) => (values[name] = parsed.fields[i]!));
      yield { ok: true, line: first.line, values };
    }
  }
  if (!header) throw new UserInputError(`${path} is empty: expected a header line naming the columns`);
}

/** Splits one record's text into fields; `open` when it ends inside a quoted field. */
function parseRecord(text: string): { fields: string[]; open: boolean } {
  if (!text.includes('"')) return { fields: text.split(','), open: false };
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      atStart = true;
      continue;
    }
    if (c === '"' && atStart && field.trim() === '') {
      quoted = true;
      field = '';
      atStart = false;
      continue;
    }
    // A quote inside an unquoted field is kept as text (`5'10"`).
    field += c;
    atStart = false;
  }
  fields.push(field);
  return { fields, open: quoted };
}

/** Physical lines with their numbers, split at CRLF, LF or a lone CR; a leading BOM is dropped. */
async function* physicalLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  let carry = '';
  let line = 0;
  let first = true;
  for await (let chunk of readTextChunks(path)) {
    if (first) {
      chunk = chunk.replace(/^\uFEFF/, '');
      first = false;
    }
    carry += chunk;
    let start = 0;
    for (;;) {
      const lf = carry.indexOf('\n', start);
      const cr = carry.indexOf('\r', start);
      if (lf === -1 && cr === -1) break;
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      // A CR at the end of the chunk may be the first half of a CRLF: wait for the next chunk.
      if (end === cr && cr === carry.length - 1) break;
      line += 1;
      yield { line, text: carry.slice(start, end) };
      start = end === cr && carry[cr + 1] === '\n' ? cr + 2 : end + 1;
    }
    carry = carry.slice(start);
  }
  if (carry !== '') yield { line: line + 1, text: carry.replace(/\r$/, '') };
}
