import { describe, expect, it } from 'vitest';
import { jsonItems, type JsonItem } from '../../src/export/io/json-items.js';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

async function items(text: string, size: number, arrayKey?: string): Promise<JsonItem[]> {
  const out: JsonItem[] = [];
  for await (const item of jsonItems(chunked(text, size), { path: 'users.json', arrayKey })) out.push(item);
  return out;
}

const summary = (list: JsonItem[]) => list.map((item) => (item.ok ? { line: item.line, value: item.value } : { line: item.line, reason: item.reason }));

describe('jsonItems reads records whatever the chunk boundaries', () => {
  const tricky = [
    { localId: 'a1', email: 'a@example.com', displayName: 'Quote " and backslash \\ and "\\\\"', salt: 'c2FsdA==' },
    { localId: 'a2', email: 'b@example.com', note: 'ends in a backslash \\', providerUserInfo: [{ providerId: 'google.com', rawId: '[{]}' }] },
    { localId: 'a3', email: 'c@example.com', displayName: '\\"', emoji: 'Zoë 名前 😀' },
  ];
  const firebase = `{\n  "users": [\n${tricky.map((user) => `    ${JSON.stringify(user)}`).join(',\n')}\n  ],\n  "note": "a \\" top-level string \\\\"\n}\n`;

  for (const size of [1, 2, 3, 5, 7, 64, 1 << 20]) {
    it(`Firebase's users array in chunks of ${size}`, async () => {
      expect(summary(await items(firebase, size, 'users'))).toEqual(tricky.map((value, index) => ({ line: 3 + index, value })));
    });

    it(`a top-level array with a broken record and a cut-off end, in chunks of ${size}`, async () => {
      const text = `[\n${JSON.stringify(tricky[0])},\n{"localId": "x", "email": tru},\n\n${JSON.stringify(tricky[1])},\n{"localId": "cut", "displayName": "\\"`;
      expect(summary(await items(text, size))).toEqual([
        { line: 2, value: tricky[0] },
        { line: 3, reason: 'invalid JSON' },
        { line: 5, value: tricky[1] },
        { line: 6, reason: 'truncated JSON: the file ends inside this record' },
      ]);
    });

    it(`concatenated pages (Cognito ListUsers) in chunks of ${size}`, async () => {
      const first = JSON.stringify({ Users: [tricky[0]] }, null, 2);
      const text = `${first}\n${JSON.stringify({ Users: [tricky[1], tricky[2]], PaginationToken: 'a\\"b' }, null, 2)}\n`;
      const pages = summary(await items(text, size));
      expect(pages.map((page) => page.line)).toEqual([1, first.split('\n').length + 1]);
      expect(pages.map((page) => ('value' in page ? (page.value as { Users: unknown[] }).Users.length : -1))).toEqual([1, 2]);
    });
  }
});

describe('jsonItems: a record cut at any offset of the text', () => {
  // Backslash runs of every parity right before quotes, brackets inside strings, several records on one line.
  const records = [
    { id: 'p1', note: 'odd \\" even \\\\" three \\\\\\"', path: 'C:\\\\', brackets: '}]{[,' },
    { id: 'p2', nested: [{ a: ['}', '"'] }, { b: { c: '\\' } }], emoji: 'Zoë 😀' },
    { id: 'p3', empty: '', list: [] },
  ];
  const page = (users: unknown[], token: string) => JSON.stringify({ Users: users, PaginationToken: token });
  const texts = {
    array: `[\n${records.map((record) => JSON.stringify(record)).join(',\n')}\n]\n`,
    pages: `${page(records, 'a\\"b')}\n${page(records.slice(0, 2), 'c')}\n`,
  };

  for (const [name, arrayKey] of [['array', undefined], ['pages', 'Users']] as const) {
    it(`${name}: every split into two chunks gives the records and lines of the whole text`, async () => {
      const text = texts[name];
      const whole = summary(await items(text, text.length, arrayKey));
      expect(whole.length).toBe(name === 'array' ? 3 : 5);
      if (name === 'pages') expect(whole.map((item) => item.line)).toEqual([1, 1, 1, 2, 2]);
      for (let cut = 1; cut < text.length; cut += 1) {
        const out: JsonItem[] = [];
        async function* two(): AsyncGenerator<string> {
          yield text.slice(0, cut);
          yield text.slice(cut);
        }
        for await (const item of jsonItems(two(), { path: 'users.json', arrayKey })) out.push(item);
        expect(summary(out), `cut at ${cut}`).toEqual(whole);
      }
    });
  }
});

describe('jsonItems: records that fill their lines are read line by line, with the same results as the scan', () => {
  const user = (i: number) => ({ user_id: `auth0|${i}`, email: `u${i}@example.com`, note: i % 2 ? 'comma, and } brace' : '[{' });
  // NDJSON with CRLF, a bad record on its own line, then a record spread over lines and two records on one line.
  const ndjson = [
    JSON.stringify(user(1)),
    JSON.stringify(user(2)),
    '{"user_id": "bad", "email": tru}',
    JSON.stringify(user(3)),
    JSON.stringify(user(4), null, 1),
    `${JSON.stringify(user(5))} ${JSON.stringify(user(6))}`,
    JSON.stringify(user(7)),
  ].join('\r\n');
  const lineOf7 = ndjson.split('\n').length;
  // A minified array: no line ends at all until the last.
  const minified = `${JSON.stringify(Array.from({ length: 300 }, (_, i) => user(i)))}\n`;

  for (const size of [1, 7, 64, 1 << 16]) {
    it(`NDJSON with a bad record, a spread one and two on a line, in chunks of ${size}`, async () => {
      expect(summary(await items(ndjson, size))).toEqual([
        { line: 1, value: user(1) },
        { line: 2, value: user(2) },
        { line: 3, reason: 'invalid JSON' },
        { line: 4, value: user(3) },
        { line: 5, value: user(4) },
        { line: lineOf7 - 1, value: user(5) },
        { line: lineOf7 - 1, value: user(6) },
        { line: lineOf7, value: user(7) },
      ]);
    });

    it(`a minified array of 300 records on one line, in chunks of ${size}`, async () => {
      const out = summary(await items(minified, size));
      expect(out).toEqual(Array.from({ length: 300 }, (_, i) => ({ line: 1, value: user(i) })));
    });
  }

  it('an array whose last record shares its line with the closing bracket, and one record a line before it', async () => {
    const text = `[${JSON.stringify(user(1))},\n${JSON.stringify(user(2))},\n${JSON.stringify(user(3))}]\n`;
    expect(summary(await items(text, 1 << 16))).toEqual([1, 2, 3].map((i) => ({ line: i, value: user(i) })));
  });
});
