import { basename } from 'node:path';
import type { SourceSink } from '../model.js';
import { jsonItems } from '../io/json-items.js';
import { readLines, readTextChunks } from '../io/text-file.js';

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
    for await (const { line, text } of readLines(path)) {
      if (text.trim() === '') continue;
      const ref = `${name}:${line}`;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        sink.unreadable(ref, 'invalid JSON', { line, bytes: text.length });
        continue;
      }
      take(record, ref);
      if (++n % 5000 === 0) await sink.checkpoint();
    }
    return;
  }
  for await (const item of jsonItems(readTextChunks(path), { arrayKey: options.arrayKey, path })) {
    const ref = `${name}:${item.line}`;
    if (item.ok) take(item.value, ref);
    else sink.unreadable(ref, item.reason, { line: item.line, bytes: item.text.length });
    if (++n % 5000 === 0) await sink.checkpoint();
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
