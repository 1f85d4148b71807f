import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { SkippedFile } from '../report.js';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export type SourceRead = { text: string; skipped?: undefined } | { text?: undefined; skipped: SkippedFile };

const decoder = new TextDecoder('utf-8');

/**
 * Reads a source file as text, or says why it was skipped: unreadable, too large, binary or minified.
 * Synchronous on purpose: thousands of small files read back to back from the page cache are
 * several times faster without a thread-pool round trip per system call.
 */
export function readSource(absolutePath: string, file: string, maxBytes: number): SourceRead {
  let fd: number;
  try {
    fd = openSync(absolutePath, 'r');
  } catch (error) {
    return { skipped: { file, reason: 'unreadable', detail: describe(error) } };
  }
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) {
      return { skipped: { file, reason: 'too-large', detail: `${size} bytes, over the ${maxBytes}-byte limit` } };
    }
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const chunk = readSync(fd, buffer, read, size - read, read);
      if (chunk === 0) break;
      read += chunk;
    }
    const bytes = buffer.subarray(0, read);
    if (isBinary(bytes)) return { skipped: { file, reason: 'binary', detail: 'contains NUL bytes' } };
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (looksMinified(text)) return { skipped: { file, reason: 'minified', detail: 'very long lines: generated or minified code' } };
    return { text };
  } catch (error) {
    return { skipped: { file, reason: 'unreadable', detail: describe(error) } };
  } finally {
    closeSync(fd);
  }
}

function isBinary(buffer: Uint8Array): boolean {
  const end = Math.min(buffer.length, 8000);
  for (let index = 0; index < end; index += 1) if (buffer[index] === 0) return true;
  return false;
}

/** Bundles and minified files: long text in few lines. */
function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines += 1;
  return text.length / lines > 500;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}
