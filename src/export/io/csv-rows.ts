import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { UserInputError } from '../../errors.js';
import { readTextChunks } from './text-file.js';

export type CsvRow =
  | { ok: true; line: number; values: Record<string, string> }
  | { ok: false; line: number; reason: string; record: unknown };

/**
 * Rows of a CSV file as header -> value objects, parsed by csv-parse (quotes, embedded newlines,
 * BOM). A row with the wrong number of fields, or text csv-parse cannot read, comes back as a
 * failed row with its line; the rest of the file is still read.
 */
export async function* csvRows(path: string): AsyncGenerator<CsvRow> {
  const skipped: CsvRow[] = [];
  const parser = Readable.from(readTextChunks(path)).pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const lines = (error as { lines?: number } | undefined)?.lines ?? 0;
        skipped.push({ ok: false, line: lines, reason: `CSV syntax error: ${(error?.message ?? 'unreadable').split(':')[0]}`, record: { lines } });
      },
    }),
  );
  let header: string[] | undefined;
  let previousEnd = 0;
  for await (const entry of parser as AsyncIterable<{ record: string[]; info: { lines: number; error?: { code?: string } } }>) {
    yield* skipped.splice(0);
    const line = previousEnd + 1;
    previousEnd = entry.info.lines;
    if (!header) {
      header = entry.record.map((name) => name.trim());
      if (header.length === 0 || header.every((name) => name === '')) throw new UserInputError(`${path}: the first line must name the columns`);
      continue;
    }
    if (entry.record.length !== header.length) {
      yield { ok: false, line, reason: 'wrong number of CSV fields', record: entry.record };
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, i) => (values[name] = entry.record[i]!));
    yield { ok: true, line, values };
  }
  yield* skipped.splice(0);
  if (!header) throw new UserInputError(`${path} is empty: expected a header line naming the columns`);
}
