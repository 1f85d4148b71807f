import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRowBatches, type CsvRow } from '../../src/export/io/csv-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const stats = { records: 0, commentLines: 0 };
  const out: CsvRow[] = [];
  for await (const batch of csvRowBatches(path, stats)) out.push(...batch);
  return { out, stats };
}

describe('csvRowBatches', () => {
  it('splits fields: quoted commas, doubled quotes, blanks before a quote, text after it, quotes inside unquoted fields', async () => {
    const { out } = await rows('fields.csv', 'a,b,c\n  "x, y" ,"say ""hi""",5\'10"\n"q"tail,,"\n');
    expect(out.map((row) => (row.ok ? row.values : row.reason))).toEqual([
      { a: 'x, y ', b: 'say "hi"', c: '5\'10"' },
      'unbalanced quote in a CSV row',
    ]);
  });

  it('reads a file of several chunks with mixed line endings and quoted newlines, every row with its line', async () => {
    const endings = ['\n', '\r\n', '\r'];
    let text = '\uFEFFid,email,note\r\n';
    const expected: { line: number; values: Record<string, string> }[] = [];
    let line = 2;
    for (let i = 0; i < 40_000; i += 1) {
      const multi = i % 997 === 0;
      const note = multi ? `first line ${i}\nsecond, "quoted" line` : `note ${i} ${'x'.repeat(i % 50)}`;
      text += `u${i},user${i}@example.com,${multi ? `"${note.replace(/"/g, '""')}"` : note}${endings[i % 3]}`;
      if (i % 5000 === 1) {
        text += '# a comment line\n';
        expected.push({ line, values: { id: `u${i}`, email: `user${i}@example.com`, note } });
        line += 2;
        continue;
      }
      expected.push({ line, values: { id: `u${i}`, email: `user${i}@example.com`, note } });
      line += multi ? 2 : 1;
    }
    expect(text.length).toBeGreaterThan(2 << 20);
    const { out, stats } = await rows('big.csv', text);
    expect(out.every((row) => row.ok)).toBe(true);
    expect(out.map((row) => ({ line: row.line, values: row.ok ? row.values : {} }))).toEqual(expected);
    expect(stats).toEqual({ records: 40_000, commentLines: 8 });
  });

  it('fails a ragged row alone, by line and field count, and reads the next rows', async () => {
    const { out, stats } = await rows('ragged.csv', 'id,email,password_digest\nu1,a@example.com,$2a$10$secret\nu2,b@example.com,x,extra\n"u3,c@example.com,y\nu4,d@example.com,z\n');
    expect(out).toEqual([
      { ok: true, line: 2, values: { id: 'u1', email: 'a@example.com', password_digest: '$2a$10$secret' } },
      { ok: false, line: 3, reason: 'wrong number of CSV fields: 4, the header has 3', record: { line: 3, fields: 4 } },
      { ok: false, line: 4, reason: 'unbalanced quote in a CSV row', record: { line: 4 } },
      { ok: true, line: 5, values: { id: 'u4', email: 'd@example.com', password_digest: 'z' } },
    ]);
    expect(stats.records).toBe(4);
  });
});

describe('csvRowBatches: row objects and 64 KiB pieces', () => {
  it('builds each row as assigning column by column would: a repeated name keeps the later value, "__proto__" columns set nothing, any name is a key', async () => {
    const header = ['id', 'email', 'id', '__proto__', 'say "hi"', 'back\\slash', '__proto__', 'constructor'];
    const { out } = await rows('names.csv', `${header.map((name) => `"${name.replace(/"/g, '""')}"`).join(',')}\n1,a@example.com,2,x,q,b,y,c\n`);
    const expected: Record<string, string> = {};
    header.forEach((name, i) => (expected[name] = ['1', 'a@example.com', '2', 'x', 'q', 'b', 'y', 'c'][i]!));
    expect(out).toHaveLength(1);
    const values = (out[0] as { values: Record<string, string> }).values;
    expect(Object.keys(values)).toEqual(['id', 'email', 'say "hi"', 'back\\slash', 'constructor']);
    expect(values).toEqual(expected);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  });

  for (const where of ['a row end', 'a quoted newline'] as const) {
    for (const shift of [-1, 0, 1]) {
      it(`${where} (CRLF) with its CR at byte 65,535${shift ? ` ${shift > 0 ? '+' : '-'} 1` : ''}, by the end of the first 64 KiB piece`, async () => {
        const target = 65_535 + shift;
        let text = 'id,note\r\n';
        let n = 0;
        while (text.length < target - 40) text += `u${String(n++).padStart(5, '0')},x\r\n`;
        // A padding row whose length puts the CR of its own end, or of the quoted field after it, at the target.
        const pad = where === 'a row end' ? target - text.length - 3 : target - text.length - 14;
        text += `u${'9'.repeat(pad)},y\r\nq1,"first\r\nsecond ""quoted"""\r\nlast,z\r\n`;
        expect(text.indexOf(where === 'a row end' ? ',y\r' : 'first\r') + (where === 'a row end' ? 2 : 5)).toBe(target);
        const { out } = await rows(`boundary-${where.length}${shift}.csv`, text);
        expect(out.every((row) => row.ok)).toBe(true);
        const values = out.map((row) => (row.ok ? row.values : {}));
        expect(values.slice(-3)).toEqual([{ id: `u${'9'.repeat(pad)}`, note: 'y' }, { id: 'q1', note: 'first\nsecond "quoted"' }, { id: 'last', note: 'z' }]);
        expect(out.at(-1)!.line).toBe(n + 5);
        expect(values).toHaveLength(n + 3);
      });
    }
  }
});
