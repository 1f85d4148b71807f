import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LineCopier } from '../../src/export/io/line-copier.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function file(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'line-copier-'));
  dirs.push(dir);
  const path = join(dir, 'lines.ndjson');
  writeFileSync(path, lines.map((line) => `${line}\n`).join(''));
  return path;
}

/** Runs the copier over `lines`, taking those at `take`, with a given block size. */
function copy(lines: string[], take: Set<number>, blockBytes: number) {
  const copied: Buffer[] = [];
  let copiedLines = 0;
  const copier = new LineCopier(file(lines), (bytes, count) => {
    copied.push(Buffer.from(bytes));
    copiedLines += count;
  }, blockBytes);
  const taken: string[] = [];
  lines.forEach((line, index) => {
    if (take.has(index)) taken.push(copier.take(Buffer.byteLength(line)));
    else copier.keep(Buffer.byteLength(line));
  });
  copier.finish();
  return { copied: Buffer.concat(copied).toString('utf8'), copiedLines, taken };
}

describe('LineCopier', () => {
  const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ external_id: `u${i}`, email: `user${i}@example.com`, first_name: i % 7 === 0 ? 'Zoë Ångström 名前' : `First${i}` }));
  const take = new Set([0, 5, 6, 99, 150, 199]);
  const kept = lines.filter((_, index) => !take.has(index));

  for (const blockBytes of [16, 100, 1 << 16]) {
    it(`copies kept lines byte for byte and hands back taken ones (block of ${blockBytes} bytes)`, () => {
      const result = copy(lines, take, blockBytes);
      expect(result.taken).toEqual([...take].map((index) => lines[index]));
      expect(result.copied).toBe(kept.map((line) => `${line}\n`).join(''));
      expect(result.copiedLines).toBe(kept.length);
    });
  }

  it('refuses a file whose lines do not have the recorded lengths', () => {
    const copier = new LineCopier(file(['{"a":1}', '{"b":22}']), () => undefined, 8);
    copier.keep(7);
    expect(() => copier.keep(7)).toThrow(/does not have the length recorded/);
  });

  it('refuses a file shorter than the lines recorded for it', () => {
    const copier = new LineCopier(file(['{"a":1}']), () => undefined);
    copier.keep(7);
    expect(() => copier.keep(3)).toThrow(/shorter than the lines recorded/);
  });
});
