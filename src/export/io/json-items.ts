import { UserInputError } from '../../errors.js';
import { closingQuote, scanToClose } from './json-scan.js';

export type JsonItem =
  | { ok: true; value: unknown; index: number; line: number }
  | { ok: false; reason: string; text: string; index: number; line: number };

export interface JsonItemsOptions {
  /** When the top-level value is an object, stream the elements of this array member instead (Firebase's "users"). */
  arrayKey?: string;
  /** Names the file in errors. */
  path: string;
}

const SNIPPET = 500;

/**
 * Streams the records of a JSON file without holding the file: the elements of a top-level array,
 * of the array under `arrayKey` of a top-level object, or top-level values one after another
 * (concatenated or NDJSON pages). Each record is parsed on its own, so one malformed record, or a
 * file cut off in the middle of one, costs that record only; it is reported with its line.
 */
export async function* jsonItems(chunks: AsyncIterable<string>, options: JsonItemsOptions): AsyncGenerator<JsonItem> {
  for await (const batch of jsonItemBatches(chunks, options)) yield* batch;
}

/** The records of jsonItems, a chunk's worth at a time (one await per chunk, not per record). */
export async function* jsonItemBatches(chunks: AsyncIterable<string>, options: JsonItemsOptions): AsyncGenerator<JsonItem[]> {
  let buf = '';
  let pos = 0;
  /** Lines are counted lazily, up to where a line number is needed: the number of the line at countedTo. */
  let line = 1;
  let countedTo = 0;
  /**
   * The first line break at or after countedTo once found, else -1 and none lies before clearTo: many records on
   * one line (a Cognito page) are not each searched to the end of that line.
   */
  let nextNewline = -1;
  let clearTo = 0;
  const lineAt = (at: number): number => {
    if (at <= countedTo) return line;
    for (;;) {
      if (nextNewline === -1) {
        nextNewline = buf.indexOf('\n', Math.max(countedTo, clearTo));
        if (nextNewline === -1) {
          clearTo = buf.length;
          break;
        }
      }
      if (nextNewline >= at) break;
      line += 1;
      countedTo = nextNewline + 1;
      nextNewline = -1;
    }
    countedTo = at;
    return line;
  };
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
    return parseItem(text, index++, itemLine);
  };
  /** An object or array record being scanned: where its scan stands at the end of a chunk. */
  const record = { depth: 0, inString: false, escape: false };
  let inRecord = false;
  /** Records so far each filled their line (NDJSON, or one array element a line): the next is tried as its line. */
  let recordsFillLines = true;
  /** The buffer holds no line end after the last record tried: the rest of this chunk is scanned. */
  let lineEndMissing = false;
  /**
   * The record starting at `start` parsed from the rest of its line, when that is the whole record (a comma after it
   * aside); undefined when the line is not in the buffer yet. A line that holds more or less than the record stops
   * the shortcut for the file: the scan then finds each record's end and reports a bad one as before.
   */
  const wholeLineRecord = (start: number, closer: number): { value: unknown; end: number } | undefined => {
    if (lineEndMissing) return undefined;
    const newline = buf.indexOf('\n', start);
    if (newline === -1) {
      lineEndMissing = true;
      return undefined;
    }
    let end = newline;
    while (end > start && isSpace(buf.charCodeAt(end - 1))) end -= 1;
    if (buf.charCodeAt(end - 1) === 0x2c) end -= 1;
    if (buf.charCodeAt(end - 1) === closer) {
      try {
        return { value: JSON.parse(buf.slice(start, end)), end };
      } catch {
        // Not one whole record: several on the line, one spread over lines, or a bad one.
      }
    }
    recordsFillLines = false;
    return undefined;
  };
  /** An object or array record opening at pos: taken whole from its line when it fills it, else scanned to its end. */
  const openRecord = (items: JsonItem[], closer: number): void => {
    const whole = recordsFillLines ? wholeLineRecord(pos, closer) : undefined;
    if (whole !== undefined) {
      items.push({ ok: true, value: whole.value, index: index++, line: itemLine });
      pos = whole.end - 1;
      return;
    }
    itemStart = pos;
    inRecord = true;
    record.depth = 1;
  };

  for await (const chunk of chunks) {
    buf += chunk;
    lineEndMissing = false;
    const items: JsonItem[] = [];
    for (; pos < buf.length; pos += 1) {
      if (inRecord) {
        // Inside an object or array record: only strings and brackets matter, in one tight loop.
        const end = scanToClose(buf, pos, record);
        if (end === -1) {
          pos = buf.length;
          break;
        }
        inRecord = false;
        items.push(parseItem(buf.slice(itemStart, end), index++, itemLine));
        itemStart = -1;
        pos = end - 1;
        continue;
      }
      const c = buf.charCodeAt(pos);
      if (inString && keyText === null) {
        // A string inside a record: jump to its closing quote (most of a record's characters are in strings).
        const close = closingQuote(buf, pos);
        if (close === -1) {
          // Read on from the end of the text, or from a run of backslashes there (it may escape the next chunk's quote).
          let end = buf.length;
          while (end > pos && buf.charCodeAt(end - 1) === 0x5c) end -= 1;
          pos = end;
          break;
        }
        pos = close;
        inString = false;
        continue;
      }
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
      if (isSpace(c)) continue;
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
          itemLine = lineAt(pos);
          openRecord(items, 0x7d);
          continue;
        }
        if (index === 0) throw new UserInputError(`${options.path} is not JSON: line ${lineAt(pos)} starts with ${JSON.stringify(buf[pos])}, expected [ or {`);
        items.push({ ok: false, reason: 'invalid JSON', text: buf.slice(pos, pos + SNIPPET), index: index++, line: lineAt(pos) });
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
        itemLine = lineAt(pos);
        if (c === 0x7b || c === 0x5b) {
          openRecord(items, c + 2);
          continue;
        }
        itemStart = pos;
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
    lineAt(keepFrom);
    buf = buf.slice(keepFrom);
    pos -= keepFrom;
    countedTo -= keepFrom;
    if (nextNewline !== -1) nextNewline -= keepFrom;
    clearTo = Math.max(0, clearTo - keepFrom);
    if (itemStart !== -1) itemStart = 0;
    if (items.length > 0) yield items;
  }
  if (itemStart !== -1) {
    const text = buf.slice(itemStart).trim();
    if (!inRecord && depth === itemDepth && itemDepth > 0) {
      // A scalar item right before the end of a cut-off array, or a complete one: parse it.
      yield [(() => {
        try {
          return { ok: true as const, value: JSON.parse(text), index: index, line: itemLine };
        } catch {
          return { ok: false as const, reason: 'truncated JSON: the file ends inside this record', text: text.slice(0, SNIPPET), index, line: itemLine };
        }
      })()];
    } else {
      yield [{ ok: false, reason: 'truncated JSON: the file ends inside this record', text: text.slice(0, SNIPPET), index, line: itemLine }];
    }
  } else if (!sawValue) {
    throw new UserInputError(`${options.path} is empty: expected a JSON array or object`);
  }
}

function parseItem(text: string, index: number, line: number): JsonItem {
  try {
    return { ok: true, value: JSON.parse(text), index, line };
  } catch {
    return { ok: false, reason: 'invalid JSON', text: text.slice(0, SNIPPET), index, line };
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}
