import { UserInputError } from '../../errors.js';

export type JsonItem =
  | { ok: true; value: unknown; index: number; line: number }
  | { ok: false; reason: string; text: string; index: number; line: number };

export interface JsonItemsOptions {
  /** When the top-level value is an object, stream the elements of this array member instead (Firebase's "users"). */
  arrayKey?: string;
  /** Names the file in errors. */
  path: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);
const SNIPPET = 500;

/**
 * Streams the records of a JSON file without holding the file: the elements of a top-level array,
 * of the array under `arrayKey` of a top-level object, or top-level values one after another
 * (concatenated or NDJSON pages). Each record is parsed on its own, so one malformed record, or a
 * file cut off in the middle of one, costs that record only; it is reported with its line.
 */
export async function* jsonItems(chunks: AsyncIterable<string>, options: JsonItemsOptions): AsyncGenerator<JsonItem> {
  let buf = '';
  let pos = 0;
  let line = 1;
  let depth = 0;
  let inString = false;
  let escape = false;
  /** Depth at which records live: 1 for a top-level array, 2 under arrayKey, 0 for top-level values. */
  let itemDepth = -1;
  let itemStart = -1;
  let itemLine = 0;
  let index = 0;
  let objectMode = false;
  let expectKey = false;
  let keyText: string | null = null;
  let pendingKey: string | null = null;
  let sawValue = false;

  const finishItem = (end: number): JsonItem => {
    const text = buf.slice(itemStart, end).trim();
    itemStart = -1;
    const at = { index: index++, line: itemLine };
    try {
      return { ok: true, value: JSON.parse(text), ...at };
    } catch {
      return { ok: false, reason: 'invalid JSON', text: text.slice(0, SNIPPET), ...at };
    }
  };

  for await (const chunk of chunks) {
    buf += chunk;
    const items: JsonItem[] = [];
    for (; pos < buf.length; pos += 1) {
      const c = buf.charCodeAt(pos);
      if (c === 0x0a) line += 1;
      if (inString) {
        if (escape) escape = false;
        else if (c === 0x5c) escape = true;
        else if (c === 0x22) inString = false;
        else if (keyText !== null) keyText += buf[pos];
        if (!inString && keyText !== null) {
          pendingKey = keyText;
          keyText = null;
        }
        continue;
      }
      if (WS.has(c)) continue;
      if (depth === 0 && itemStart === -1) {
        sawValue = true;
        if (c === 0x5b) {
          depth = 1;
          itemDepth = 1;
          objectMode = false;
          continue;
        }
        if (c === 0x7b && options.arrayKey !== undefined) {
          depth = 1;
          itemDepth = -1;
          objectMode = true;
          expectKey = true;
          continue;
        }
        if (c === 0x7b) {
          itemDepth = 0;
          itemStart = pos;
          itemLine = line;
          depth = 1;
          continue;
        }
        if (index === 0) throw new UserInputError(`${options.path} is not JSON: line ${line} starts with ${JSON.stringify(buf[pos])}, expected [ or {`);
        items.push({ ok: false, reason: 'invalid JSON', text: buf.slice(pos, pos + SNIPPET), index: index++, line });
        pos = buf.length;
        break;
      }
      if (depth === itemDepth && itemStart === -1) {
        if (c === 0x2c) continue;
        if (c === 0x5d) {
          depth -= 1;
          itemDepth = -1;
          if (objectMode) expectKey = false;
          continue;
        }
        itemStart = pos;
        itemLine = line;
      }
      if (objectMode && depth === 1 && itemStart === -1) {
        if (c === 0x22 && expectKey) {
          inString = true;
          keyText = '';
          continue;
        }
        if (c === 0x3a) {
          expectKey = false;
          continue;
        }
        if (c === 0x2c) {
          expectKey = true;
          pendingKey = null;
          continue;
        }
        if (c === 0x5b && pendingKey === options.arrayKey) {
          depth = 2;
          itemDepth = 2;
          continue;
        }
      }
      switch (c) {
        case 0x22:
          inString = true;
          break;
        case 0x7b:
        case 0x5b:
          depth += 1;
          break;
        case 0x7d:
        case 0x5d:
          if (itemStart !== -1 && depth === itemDepth) {
            // A scalar record right before the bracket that closes the list of records.
            items.push(finishItem(pos));
            depth -= 1;
            itemDepth = -1;
            expectKey = false;
            if (depth === 0) objectMode = false;
            break;
          }
          depth -= 1;
          if (itemStart !== -1 && depth === itemDepth) items.push(finishItem(pos + 1));
          if (depth === 0) objectMode = false;
          break;
        case 0x2c:
          if (itemStart !== -1 && depth === itemDepth) {
            items.push(finishItem(pos));
          }
          break;
      }
    }
    const keepFrom = itemStart === -1 ? pos : itemStart;
    buf = buf.slice(keepFrom);
    pos -= keepFrom;
    if (itemStart !== -1) itemStart = 0;
    for (const item of items) yield item;
  }
  if (itemStart !== -1) {
    const text = buf.slice(itemStart).trim();
    if (depth === itemDepth && itemDepth > 0) {
      // A scalar item right before the end of a cut-off array, or a complete one: parse it.
      yield (() => {
        try {
          return { ok: true as const, value: JSON.parse(text), index: index, line: itemLine };
        } catch {
          return { ok: false as const, reason: 'truncated JSON: the file ends inside this record', text: text.slice(0, SNIPPET), index, line: itemLine };
        }
      })();
    } else {
      yield { ok: false, reason: 'truncated JSON: the file ends inside this record', text: text.slice(0, SNIPPET), index, line: itemLine };
    }
  } else if (!sawValue) {
    throw new UserInputError(`${options.path} is empty: expected a JSON array or object`);
  }
}
