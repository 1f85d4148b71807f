import { basename } from 'node:path';
import type { SourceSink } from '../model.js';
import { jsonItemBatches } from '../io/json-items.js';
import { readLineBatches, readTextChunks } from '../io/text-file.js';

/**
 * Every record of a JSON file (array, object with `arrayKey`, concatenated values) or an NDJSON
 * file, handed over with a reference "file:line"; records that cannot be parsed become rejects.
 */
export async function eachJsonRecord(
  path: string,
  sink: SourceSink,
  options: { arrayKey?: string; ndjson?: boolean },
  take: (record: unknown, ref: string) => void,
): Promise<void> {
  const name = basename(path);
  let n = 0;
  if (options.ndjson) {
    for await (const batch of readLineBatches(path)) {
      for (let i = 0; i < batch.lines.length; i += 1) {
        const text = batch.lines[i]!;
        if (text.trim() === '') continue;
        const line = batch.firstLine + i;
        const ref = `${name}:${line}`;
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch {
          sink.unreadable(ref, 'invalid JSON', { line, bytes: text.length });
          continue;
        }
        take(record, ref);
      }
      // A checkpoint about every 5,000 records: cancellation and progress without an await per record.
      n += batch.lines.length;
      if (n >= 5000) {
        n = 0;
        await sink.checkpoint();
      }
    }
    return;
  }
  for await (const batch of jsonItemBatches(readTextChunks(path), { arrayKey: options.arrayKey, path })) {
    for (const item of batch) {
      const ref = `${name}:${item.line}`;
      if (item.ok) take(item.value, ref);
      else sink.unreadable(ref, item.reason, { line: item.line, bytes: item.text.length });
    }
    n += batch.length;
    if (n >= 5000) {
      n = 0;
      await sink.checkpoint();
    }
  }
}

/** True when the file's first meaningful character opens a JSON array (an Auth0 export converted with jq). */
export async function startsWithArray(path: string): Promise<boolean> {
  for await (const chunk of readTextChunks(path)) {
    const trimmed = chunk.replace(/^[\uFEFF\s]+/, '');
    if (trimmed !== '') return trimmed.startsWith('[');
  }
  return false;
}
