import { UserInputError } from '../../errors.js';
import { scanToClose, type JsonScanState } from './json-scan.js';

/**
 * Streams the objects of a JSON file that is one object or an array of objects (Keycloak's realm
 * export, or its all-realms array) member by member, without holding the file: the elements of
 * the member named `streamKey` are handed over one at a time, every other member is either parsed
 * (`keepOthers`) or skipped. Two passes (others first, then the streamed list) give a reader the
 * realm's roles and groups before its users, wherever they sit in the file.
 */
export async function scanObjects(
  chunks: AsyncIterable<string>,
  path: string,
  visit: {
    streamKey: string;
    keepOthers: boolean;
    /** A member other than streamKey, parsed (only with keepOthers). */
    member?(objectIndex: number, key: string, value: unknown): void;
    /** One element of the streamed list, as text, with the line it starts on. */
    element?(objectIndex: number, text: string, line: number, elementIndex: number): void | Promise<void>;
  },
): Promise<number> {
  const reader = new CharReader(chunks[Symbol.asyncIterator](), path);
  await reader.skipWhitespace();
  const first = await reader.peek();
  if (first === '{') {
    await readObject(reader, 0, visit);
    return 1;
  }
  if (first !== '[') throw new UserInputError(`${path} is not a Keycloak realm export: expected a JSON object or an array of realms`);
  await reader.next();
  let index = 0;
  for (;;) {
    await reader.skipWhitespace();
    const c = await reader.peek();
    if (c === ']') return index;
    if (c === ',') {
      await reader.next();
      continue;
    }
    if (c !== '{') throw new UserInputError(`${path}: realm ${index} is not a JSON object (line ${reader.line})`);
    await readObject(reader, index++, visit);
  }
}

async function readObject(reader: CharReader, index: number, visit: Parameters<typeof scanObjects>[2]): Promise<void> {
  await reader.next(); // {
  for (;;) {
    await reader.skipWhitespace();
    const c = await reader.next();
    if (c === '}') return;
    if (c === ',') continue;
    if (c !== '"') throw new UserInputError(`${reader.path}: expected a member name on line ${reader.line}`);
    const key = JSON.parse(`"${await reader.captureString()}"`) as string;
    await reader.skipWhitespace();
    if ((await reader.next()) !== ':') throw new UserInputError(`${reader.path}: expected ":" after "${key}" on line ${reader.line}`);
    await reader.skipWhitespace();
    if (key === visit.streamKey && (await reader.peek()) === '[') {
      await reader.next();
      if (!visit.element) {
        await reader.skipArray();
        continue;
      }
      let element = 0;
      for (;;) {
        // Between users the next character is nearly always in the chunk at hand: no await for it then.
        let e = reader.peekInChunk();
        if (e === undefined) {
          await reader.skipWhitespace();
          e = await reader.peek();
        }
        if (e === ']' || e === ',') {
          reader.skipPeeked();
          if (e === ']') break;
          continue;
        }
        const line = reader.line;
        // A user nearly always ends in the chunk at hand: then neither reading nor handing it over awaits.
        const text = reader.captureValueInChunk() ?? (await reader.captureValue(true))!;
        // A "}" where a user or the list's "]" belongs: nothing was read, and reading on would hand over empty users forever.
        if (text === '') throw new UserInputError(`${reader.path}: the ${visit.streamKey} list is not closed by "]" (line ${reader.line})`);
        const handed = visit.element(index, text, line, element);
        if (handed) await handed;
        element += 1;
      }
      continue;
    }
    const text = await reader.captureValue(visit.keepOthers);
    if (visit.keepOthers) visit.member?.(index, key, JSON.parse(text!));
  }
}

/** Characters of a chunked text, with the line number; values are scanned without a parser. */
class CharReader {
  private buf = '';
  private pos = 0;
  line = 1;
  constructor(
    private readonly chunks: AsyncIterator<string>,
    readonly path: string,
  ) {}

  private async fill(): Promise<boolean> {
    if (this.pos < this.buf.length) return true;
    const next = await this.chunks.next();
    if (next.done) return false;
    this.buf = next.value;
    this.pos = 0;
    return this.buf.length > 0 || this.fill();
  }

  async peek(): Promise<string> {
    if (!(await this.fill())) throw new UserInputError(`${this.path} ends too early (line ${this.line}): the export is cut off`);
    return this.buf[this.pos]!;
  }

  async next(): Promise<string> {
    const c = await this.peek();
    this.pos += 1;
    if (c === '\n') this.line += 1;
    return c;
  }

  async skipWhitespace(): Promise<void> {
    for (;;) {
      if (!(await this.fill())) return;
      const c = this.buf[this.pos]!;
      if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\uFEFF') return;
      this.pos += 1;
      if (c === '\n') this.line += 1;
    }
  }

  /** Skips whitespace within the chunk at hand and returns the next character, or undefined when the chunk ends first. */
  peekInChunk(): string | undefined {
    const buf = this.buf;
    for (; this.pos < buf.length; this.pos += 1) {
      const c = buf[this.pos]!;
      if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\uFEFF') return c;
      if (c === '\n') this.line += 1;
    }
    return undefined;
  }

  /** Steps over the character peek or peekInChunk returned (not a line break). */
  skipPeeked(): void {
    this.pos += 1;
  }

  /** The rest of a string whose opening quote was read, without its closing quote, escapes kept. */
  async captureString(): Promise<string> {
    let out = '';
    for (;;) {
      if (!(await this.fill())) throw new UserInputError(`${this.path} ends inside a string (line ${this.line})`);
      const start = this.pos;
      while (this.pos < this.buf.length) {
        const c = this.buf.charCodeAt(this.pos);
        if (c === 0x5c) {
          this.pos += 2;
          continue;
        }
        if (c === 0x22) {
          out += this.buf.slice(start, this.pos);
          this.pos += 1;
          return out;
        }
        this.pos += 1;
      }
      // A backslash at the very end of the chunk: its escaped character is the next chunk's first.
      const over = this.pos - this.buf.length;
      out += this.buf.slice(start, this.buf.length);
      this.pos = this.buf.length;
      if (over > 0 && (await this.fill())) {
        out += this.buf[0];
        this.pos = 1;
      }
    }
  }

  /**
   * Skips the rest of an array whose opening bracket was read, up to and with its closing bracket:
   * one tight loop, no text kept, lines counted per chunk.
   */
  async skipArray(): Promise<void> {
    const state: JsonScanState = { depth: 1, inString: false, escape: false };
    /** Inside an element (not between a separator and the next element): where a cut-off file ends decides the message. */
    let inElement = false;
    for (;;) {
      if (!(await this.fill())) {
        if (inElement || state.inString || state.depth > 1) throw new UserInputError(`${this.path} ends inside a value (line ${this.line}): the export is cut off`);
        throw new UserInputError(`${this.path} ends too early (line ${this.line}): the export is cut off`);
      }
      const buf = this.buf;
      const start = this.pos;
      const close = scanToClose(buf, start, state);
      const end = close === -1 ? buf.length : close;
      this.countLines(start, end);
      this.pos = end;
      if (close !== -1) return;
      if (state.depth === 1 && !state.inString) inElement = endsInElement(buf, start, inElement);
    }
  }

  /** One JSON value, balanced; its text when `keep`. */
  async captureValue(keep: boolean): Promise<string | undefined> {
    const state: JsonScanState = { depth: 0, inString: false, escape: false };
    const parts: string[] = [];
    for (;;) {
      if (!(await this.fill())) throw new UserInputError(`${this.path} ends inside a value (line ${this.line}): the export is cut off`);
      if (this.scanValue(state, keep ? parts : undefined)) return keep ? parts.join('').trim() : undefined;
    }
  }

  /** The text of one JSON value when it ends within the chunk at hand (no await); else undefined, nothing read. */
  captureValueInChunk(): string | undefined {
    if (this.pos >= this.buf.length) return undefined;
    const pos = this.pos;
    const first = this.buf.charCodeAt(pos);
    if (first === 0x7b || first === 0x5b) {
      // An object or array: its closing bracket found by jumping string to string, its lines counted after.
      const end = scanToClose(this.buf, pos + 1, { depth: 1, inString: false, escape: false });
      if (end === -1) return undefined;
      this.countLines(pos, end);
      this.pos = end;
      return this.buf.slice(pos, end);
    }
    const line = this.line;
    const parts: string[] = [];
    if (this.scanValue({ depth: 0, inString: false, escape: false }, parts)) return parts.join('').trim();
    this.pos = pos;
    this.line = line;
    return undefined;
  }

  /** Counts the line breaks of the chunk at hand from `from` up to `to`. */
  private countLines(from: number, to: number): void {
    for (let nl = this.buf.indexOf('\n', from); nl !== -1 && nl < to; nl = this.buf.indexOf('\n', nl + 1)) this.line += 1;
  }

  /** Scans the chunk at hand for the end of a value; true when it ends in it. The scanned text goes to `parts`. */
  private scanValue(state: JsonScanState, parts: string[] | undefined): boolean {
    let { depth, inString, escape } = state;
    const buf = this.buf;
    const start = this.pos;
    let i = this.pos;
    let done = false;
    /** The next backslash at or after i in this chunk (-1: none left), searched for again only once passed. */
    let backslash = buf.indexOf('\\', i);
    /** The next line break at or after i in this chunk (-1: none left), searched for again only once passed. */
    let newline = buf.indexOf('\n', i);
    for (; i < buf.length; i += 1) {
      const c = buf.charCodeAt(i);
      if (c === 0x0a) this.line += 1;
      if (inString) {
        if (escape) escape = false;
        else if (c === 0x5c) escape = true;
        else if (c === 0x22) inString = false;
        else {
          // Plain string text: jump to the next quote or backslash, counting the lines it spans.
          if (backslash !== -1 && backslash < i) backslash = buf.indexOf('\\', i);
          const quote = buf.indexOf('"', i);
          let stop = quote === -1 ? buf.length : quote;
          if (backslash !== -1 && backslash < stop) stop = backslash;
          if (newline !== -1 && newline <= i) newline = buf.indexOf('\n', i + 1);
          for (; newline !== -1 && newline < stop; newline = buf.indexOf('\n', newline + 1)) this.line += 1;
          i = stop - 1;
        }
        continue;
      }
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth += 1;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) {
          done = true;
          break;
        }
        depth -= 1;
        if (depth === 0) {
          i += 1;
          done = true;
          break;
        }
      } else if (c === 0x2c && depth === 0) {
        done = true;
        break;
      }
    }
    parts?.push(buf.slice(start, i));
    this.pos = i;
    state.depth = depth;
    state.inString = inString;
    state.escape = escape;
    return done;
  }
}

/**
 * Whether a scan of an array's elements (at its own depth, outside strings at the end of `text`) stops inside an
 * element: the last character after `from` that is not blank is not a separator or the end of an element. `before`
 * when there is none.
 */
function endsInElement(text: string, from: number, before: boolean): boolean {
  for (let at = text.length - 1; at >= from; at -= 1) {
    const c = text.charCodeAt(at);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return !(c === 0x2c || c === 0x7d || c === 0x5d || c === 0x5b);
  }
  return before;
}
