import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { UserInputError } from '../../errors.js';

/** A file's text in chunks, gunzipped when it starts with the gzip magic bytes (Auth0 exports are .json.gz). */
export async function* readTextChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<string> {
  assertReadableFile(path);
  const input = createReadStream(path, { highWaterMark: chunkBytes });
  const stream = isGzip(path) ? input.pipe(createGunzip()) : input;
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream) yield decoder.write(chunk as Buffer);
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Lines of a text file with their 1-based numbers; CRLF and a leading BOM are handled. */
export async function* readLines(path: string, chunkBytes?: number): AsyncGenerator<{ line: number; text: string }> {
  let carry = '';
  let line = 0;
  let first = true;
  for await (let chunk of readTextChunks(path, chunkBytes)) {
    if (first) {
      chunk = chunk.replace(/^\uFEFF/, '');
      first = false;
    }
    carry += chunk;
    let start = 0;
    for (let end = carry.indexOf('\n'); end !== -1; end = carry.indexOf('\n', start)) {
      line += 1;
      yield { line, text: carry.slice(start, end).replace(/\r$/, '') };
      start = end + 1;
    }
    carry = carry.slice(start);
  }
  if (carry !== '') yield { line: line + 1, text: carry.replace(/\r$/, '') };
}

export function assertReadableFile(path: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UserInputError(`cannot read ${path}: no such file`);
  }
  if (!stat.isFile()) throw new UserInputError(`${path} is not a file`);
}

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}
