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
 * Rows come a chunk of the file at a time (one await per chunk, not per row).
 */
export async function* csvRowBatches(path: string, stats: CsvStats = { records: 0, commentLines: 0 }): AsyncGenerator<CsvRow[]> {
  let header: string[] | undefined;
  let valuesOf: ((fields: string[]) => Record<string, string>) | undefined;
  const lines = new PhysicalLines(path);
  let rows: CsvRow[] = [];
  for (;;) {
    const text = lines.takeInBatch();
    if (text === undefined) {
      // The current batch of lines is used up: hand over its rows before reading on.
      if (rows.length > 0) yield rows;
      rows = [];
      if (!(await lines.more())) break;
      continue;
    }
    const line = lines.line;
    if (text.trim() === '') continue;
    if (text.charCodeAt(0) === 0x23) {
      stats.commentLines += 1;
      continue;
    }
    let fields: string[];
    let open = false;
    /** Lines of a record after its first, when a quoted field spans lines. */
    let more: PhysicalLine[] | undefined;
    if (!text.includes('"')) fields = text.split(',');
    else {
      let parsed = parseRecord(text);
      if (parsed.open) {
        const taken = [text];
        more = [];
        while (parsed.open && taken.length < MAX_RECORD_LINES) {
          const next = await lines.next();
          if (next === undefined) break;
          taken.push(next.text);
          more.push(next);
          parsed = parseRecord(taken.join('\n'));
        }
      }
      fields = parsed.fields;
      open = parsed.open;
    }
    if (!header) {
      if (open || fields.every((name) => name.trim() === '')) throw new UserInputError(`${path}: the first line must name the columns`);
      header = fields.map((name) => name.trim());
      valuesOf = rowBuilder(header);
      continue;
    }
    const fits = !open && fields.length === header.length;
    stats.records += 1;
    if (!fits && more !== undefined && more.length > 0) {
      // A stray quote opened a field that never closed in place: fail this line alone, re-read the rest.
      lines.putBack(more);
      rows.push({ ok: false, line, reason: 'unbalanced quote in a CSV row', record: { line } });
    } else if (open) {
      rows.push({ ok: false, line, reason: 'unbalanced quote in a CSV row', record: { line } });
    } else if (!fits) {
      // The values are never kept: a ragged row may hold a password hash in any position.
      rows.push({ ok: false, line, reason: `wrong number of CSV fields: ${fields.length}, the header has ${header.length}`, record: { line, fields: fields.length } });
    } else {
      rows.push({ ok: true, line, values: valuesOf!(fields) });
    }
  }
  if (rows.length > 0) yield rows;
  if (!header) throw new UserInputError(`${path} is empty: expected a header line naming the columns`);
}

/**
 * A function making a row's header -> value object from its fields, column by column: a later column of the same
 * name wins, and a "__proto__" column is dropped (it would set nothing for a string value). Header names are data
 * from the file: they are only ever used as keys, never compiled into code.
 */
function rowBuilder(header: string[]): (fields: string[]) => Record<string, string> {
  const columns = header.flatMap((name, i) => (name === '__proto__' ? [] : [[name, i] as const]));
  return (fields) => {
    const values: Record<string, string> = {};
    for (const [name, i] of columns) values[name] = fields[i]!;
    return values;
  };
}

/** Splits one record's text into fields; `open` when it ends inside a quoted field. */
function parseRecord(text: string): { fields: string[]; open: boolean } {
  if (!text.includes('"')) return { fields: text.split(','), open: false };
  const fields: string[] = [];
  for (let start = 0; ; ) {
    let quote = start;
    while (isBlank(text.charCodeAt(quote))) quote += 1;
    let field: string;
    let rest: number;
    if (text.charCodeAt(quote) === 0x22) {
      // A quoted field (blanks before its quote dropped): doubled quotes are one quote, commas and newlines are text.
      field = '';
      let at = quote + 1;
      for (;;) {
        const close = text.indexOf('"', at);
        if (close === -1) return { fields: [...fields, field + text.slice(at)], open: true };
        field += text.slice(at, close);
        if (text.charCodeAt(close + 1) !== 0x22) {
          rest = close + 1;
          break;
        }
        field += '"';
        at = close + 2;
      }
    } else {
      field = '';
      rest = start;
    }
    // Up to the next comma everything is text, a quote inside an unquoted field too (`5'10"`).
    const comma = text.indexOf(',', rest);
    fields.push(field + text.slice(rest, comma === -1 ? text.length : comma));
    if (comma === -1) return { fields, open: false };
    start = comma + 1;
  }
}

/** What String.prototype.trim removes. */
function isBlank(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

interface PhysicalLine {
  line: number;
  text: string;
}

/** A CSV file's physical lines, a chunk's worth at a time, with lines put back (after a stray quote) read first. */
class PhysicalLines {
  private texts: string[] = [];
  private firstLine = 1;
  private at = 0;
  private done = false;
  private readonly pending: PhysicalLine[] = [];
  private readonly batches: AsyncGenerator<{ firstLine: number; texts: string[] }>;
  /** The number of the line takeInBatch returned last. */
  line = 0;

  constructor(path: string) {
    this.batches = physicalLineBatches(path);
  }

  /** The next line's text without awaiting: a line put back, else the batch at hand's next; undefined when both are used up. */
  takeInBatch(): string | undefined {
    if (this.pending.length > 0) {
      const next = this.pending.shift()!;
      this.line = next.line;
      return next.text;
    }
    if (this.at === this.texts.length) return undefined;
    this.line = this.firstLine + this.at;
    return this.texts[this.at++];
  }

  /** Reads the next batch once the one at hand is used up; false at the end of the file. */
  async more(): Promise<boolean> {
    while (this.at === this.texts.length) {
      if (this.done) return false;
      const item = await this.batches.next();
      if (item.done) {
        this.done = true;
        return false;
      }
      this.texts = item.value.texts;
      this.firstLine = item.value.firstLine;
      this.at = 0;
    }
    return true;
  }

  /** The next line, awaiting the next batch when needed; undefined at the end of the file. */
  async next(): Promise<PhysicalLine | undefined> {
    let text = this.takeInBatch();
    if (text === undefined && (await this.more())) text = this.takeInBatch();
    return text === undefined ? undefined : { line: this.line, text };
  }

  putBack(lines: PhysicalLine[]): void {
    this.pending.unshift(...lines);
  }
}

/** Physical lines with the number of the first, a chunk's worth at a time, split at CRLF, LF or a lone CR; a leading BOM is dropped. */
async function* physicalLineBatches(path: string): AsyncGenerator<{ firstLine: number; texts: string[] }> {
  let carry = '';
  let line = 0;
  let first = true;
  for await (let chunk of readTextChunks(path)) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    carry += chunk;
    const texts: string[] = [];
    const firstLine = line + 1;
    let start = 0;
    // The next LF and CR at or after start, each searched for again only once passed (not once per line).
    let lf = carry.indexOf('\n');
    let cr = carry.indexOf('\r');
    for (;;) {
      if (lf !== -1 && lf < start) lf = carry.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = carry.indexOf('\r', start);
      if (lf === -1 && cr === -1) break;
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      // A CR at the end of the chunk may be the first half of a CRLF: wait for the next chunk.
      if (end === cr && cr === carry.length - 1) break;
      line += 1;
      texts.push(carry.slice(start, end));
      start = end === cr && carry.charCodeAt(cr + 1) === 0x0a ? cr + 2 : end + 1;
    }
    carry = carry.slice(start);
    if (texts.length > 0) yield { firstLine, texts };
  }
  if (carry !== '') yield { firstLine: line + 1, texts: [carry.replace(/\r$/, '')] };
}
