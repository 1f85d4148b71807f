import { open } from 'node:fs/promises';
import type { SkippedFile } from '../report.js';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export type SourceRead = { text: string; skipped?: undefined } | { text?: undefined; skipped: SkippedFile };

const decoder = new TextDecoder('utf-8');

/** Reads a source file as text, or says why it was skipped: unreadable, too large, binary or minified. */
export async function readSource(absolutePath: string, file: string, maxBytes: number): Promise<SourceRead> {
  let handle;
  try {
    handle = await open(absolutePath, 'r');
  } catch (error) {
    return { skipped: { file, reason: 'unreadable', detail: describe(error) } };
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      return { skipped: { file, reason: 'too-large', detail: `${size} bytes, over the ${maxBytes}-byte limit` } };
    }
    const buffer = await handle.readFile();
    if (isBinary(buffer)) return { skipped: { file, reason: 'binary', detail: 'contains NUL bytes' } };
    let text = decoder.decode(buffer);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (looksMinified(text)) return { skipped: { file, reason: 'minified', detail: 'very long lines: generated or minified code' } };
    return { text };
  } catch (error) {
    return { skipped: { file, reason: 'unreadable', detail: describe(error) } };
  } finally {
    await handle.close();
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
