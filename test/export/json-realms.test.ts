import { describe, expect, it } from 'vitest';
import { scanObjects } from '../../src/export/io/json-realms.js';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

describe('scanObjects streams realm users whatever the chunk boundaries', () => {
  const users = [
    { id: 'u1', username: 'ann', email: 'ann@acme.test', attributes: { quote: ['say "hi" \\ bye'], path: ['C:\\\\temp\\\\'] } },
    { id: 'u2', username: 'bob', firstName: 'Bøb 名前 😀', attributes: { brackets: ['}]{[,'] } },
    { id: 'u3', username: 'cy', note: 'ends with a backslash \\' },
  ];
  const realm = JSON.stringify({ realm: 'acme', roles: { realm: [{ name: 'editor', description: 'a "quoted" \\ role' }] }, users, groups: [{ name: 'g' }] }, null, 2);

  for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
    it(`in chunks of ${size}: the other members parsed, each user's text and line handed over`, async () => {
      const members: Record<string, unknown> = {};
      const seen: { value: unknown; line: number }[] = [];
      const count = await scanObjects(chunked(`[${realm}]`, size), 'realms.json', {
        streamKey: 'users',
        keepOthers: true,
        member: (_index, key, value) => void (members[key] = value),
        element: (_index, text, line) => void seen.push({ value: JSON.parse(text), line }),
      });
      expect(count).toBe(1);
      expect(members).toEqual({ realm: 'acme', roles: { realm: [{ name: 'editor', description: 'a "quoted" \\ role' }] }, groups: [{ name: 'g' }] });
      const lines = realm.split('\n');
      const expectedLines = users.map((user) => lines.findIndex((text) => text.includes(`"id": "${user.id}"`)));
      expect(seen).toEqual(users.map((value, index) => ({ value, line: expectedLines[index]! })));
    });
  }
});

describe('scanObjects skipping the users (the first of two passes)', () => {
  const users = [
    { id: 'u1', note: 'say "hi" \\ bye', nested: [[{ a: '}' }], '[,'] },
    { id: 'u2', note: 'ends with a backslash \\', name: 'Bøb 名前 😀' },
  ];
  const text = JSON.stringify({ realm: 'acme', users, groups: [{ name: 'g', path: '/g' }], after: 1 }, null, 2);
  const lineOf = (whole: string, needle: string) => whole.slice(0, whole.indexOf(needle)).split('\n').length;

  for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
    it(`in chunks of ${size}: the members after the users are read, and lines still count`, async () => {
      const members: Record<string, unknown> = {};
      await scanObjects(chunked(text, size), 'realm.json', { streamKey: 'users', keepOthers: true, member: (_index, key, value) => void (members[key] = value) });
      expect(members).toEqual({ realm: 'acme', groups: [{ name: 'g', path: '/g' }], after: 1 });

      const broken = text.replace('"after": 1', '"after" 1');
      await expect(scanObjects(chunked(broken, size), 'realm.json', { streamKey: 'users', keepOthers: true })).rejects.toThrow(
        `realm.json: expected ":" after "after" on line ${lineOf(broken, '"after" 1')}`,
      );
    });

    it(`in chunks of ${size}: a file cut off in the users says where`, async () => {
      const insideUser = text.slice(0, text.indexOf('ends with'));
      await expect(scanObjects(chunked(insideUser, size), 'realm.json', { streamKey: 'users', keepOthers: true })).rejects.toThrow(
        `realm.json ends inside a value (line ${insideUser.split('\n').length}): the export is cut off`,
      );
      const afterUser = text.slice(0, text.lastIndexOf('}', text.indexOf('"u2"')) + 1);
      await expect(scanObjects(chunked(afterUser, size), 'realm.json', { streamKey: 'users', keepOthers: true })).rejects.toThrow(
        `realm.json ends too early (line ${afterUser.split('\n').length}): the export is cut off`,
      );
      const betweenUsers = text.slice(0, text.indexOf('{', text.indexOf('"u2"') - 20));
      await expect(scanObjects(chunked(betweenUsers, size), 'realm.json', { streamKey: 'users', keepOthers: true })).rejects.toThrow(
        `realm.json ends too early (line ${betweenUsers.split('\n').length}): the export is cut off`,
      );
    });
  }
});

describe('scanObjects: the realm cut at any offset', () => {
  const users = [
    { id: 'u1', note: 'odd \\" even \\\\" three \\\\\\"', path: 'C:\\\\', brackets: '}]{[,' },
    { id: 'u2', credentials: [{ secretData: JSON.stringify({ value: 'a"b\\', salt: 'c2FsdA==' }) }], name: 'Zoë 😀' },
  ];
  const text = JSON.stringify({ realm: 'acme', users, groups: [{ name: 'g' }], after: 'x\\' }, null, 1);

  it('hands over the same users and lines, and skips them to the same members, wherever one chunk ends', async () => {
    const read = async (chunks: string[]) => {
      async function* each(): AsyncGenerator<string> {
        yield* chunks;
      }
      const members: Record<string, unknown> = {};
      const seen: { value: unknown; line: number }[] = [];
      await scanObjects(each(), 'realm.json', { streamKey: 'users', keepOthers: false, element: (_index, user, line) => void seen.push({ value: JSON.parse(user), line }) });
      await scanObjects(each(), 'realm.json', { streamKey: 'users', keepOthers: true, member: (_index, key, value) => void (members[key] = value) });
      return { members, seen };
    };
    const whole = await read([text]);
    expect(whole.seen.map((user) => user.value)).toEqual(users);
    expect(whole.members).toEqual({ realm: 'acme', groups: [{ name: 'g' }], after: 'x\\' });
    for (let cut = 1; cut < text.length; cut += 1) expect(await read([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
  });

  it('refuses a users list closed by "}" instead of handing over empty users without end', async () => {
    const broken = '{"realm": "acme", "users": [{"id": "u1"}\n}, "groups": []}';
    const seen: string[] = [];
    await expect(scanObjects(chunked(broken, 1 << 20), 'realm.json', { streamKey: 'users', keepOthers: false, element: (_index, user) => void seen.push(user) })).rejects.toThrow(
      'realm.json: the users list is not closed by "]" (line 2)',
    );
    expect(seen).toEqual(['{"id": "u1"}']);
  });
});
