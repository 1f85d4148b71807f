import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTextChunks } from '../../src/export/io/text-file.js';
import { tempDir } from '../helpers/temp-dir.js';

async function text(path: string, chunkBytes?: number): Promise<{ text: string; chunks: number }> {
  let out = '';
  let chunks = 0;
  for await (const chunk of readTextChunks(path, chunkBytes)) {
    out += chunk;
    chunks += 1;
  }
  return { text: out, chunks };
}

describe('readTextChunks: ASCII pieces read as Latin-1, the rest decoded as UTF-8', () => {
  // Two- to four-byte characters (and broken sequences) placed across the 64 KiB piece and 1 MiB read boundaries.
  const bytes = (at: number[], insert: Buffer, size: number) => {
    const out = Buffer.alloc(size, 'a');
    for (const position of at) insert.copy(out, position);
    return out;
  };
  const boundaries = (shift: number) => [65_536 - shift, 2 * 65_536 - shift, (1 << 20) - shift, (1 << 20) + 65_536 - shift];

  for (const [name, insert] of [
    ['é (2 bytes)', Buffer.from('é')],
    ['名 (3 bytes)', Buffer.from('名')],
    ['😀 (4 bytes)', Buffer.from('😀')],
    ['a sequence cut short by ASCII', Buffer.from([0xe5, 0x90, 0x41])],
    ['a stray continuation byte', Buffer.from([0x80, 0x41])],
  ] as const) {
    it(`${name} across every boundary gives the text of the whole file`, async () => {
      const dir = tempDir();
      for (const shift of [1, 2, 3]) {
        const data = bytes(boundaries(shift), insert, (1 << 20) + 3 * 65_536);
        const path = join(dir, `chars-${shift}.txt`);
        writeFileSync(path, data);
        const read = await text(path);
        expect(read.text).toBe(data.toString('utf8'));
        expect(read.chunks).toBeGreaterThanOrEqual(19);
      }
    });
  }

  it('an ASCII file comes in 64 KiB pieces (or the size asked for), gzipped or not', async () => {
    const dir = tempDir();
    const data = 'x'.repeat(300_000);
    writeFileSync(join(dir, 'plain.txt'), data);
    writeFileSync(join(dir, 'packed.txt.gz'), gzipSync(data));
    expect(await text(join(dir, 'plain.txt'))).toEqual({ text: data, chunks: 5 });
    expect(await text(join(dir, 'plain.txt'), 100_000)).toEqual({ text: data, chunks: 3 });
    expect((await text(join(dir, 'packed.txt.gz'))).text).toBe(data);
  });
});
