import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyFilter } from '../../src/export/key-filter.js';
import { exportUsers } from '../../src/export/run-export.js';
import { readPackage } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('the key filter: which emails and ids may have been seen', () => {
  it('grows with the keys and still knows every key it was given, with few false "maybe seen" answers', () => {
    const filter = new KeyFilter();
    const keys = Array.from({ length: 300_000 }, (_, i) => `person${i}@example.com`);
    let falseMaybes = 0;
    for (const key of keys) if (filter.add(key)) falseMaybes += 1;
    // 300,000 keys fill the first parts (about 52,000 and 210,000 keys) and start a third.
    expect(keys.filter((key) => !filter.add(key))).toEqual([]);
    expect(falseMaybes).toBeLessThan(keys.length / 500);
    expect(filter.add('someone-new@example.com')).toBe(false);
  });

  it('keeps a fixed size when asked (tests drive the exact paths with tiny filters)', () => {
    const filter = new KeyFilter(9);
    let maybes = 0;
    for (let i = 0; i < 2_000; i += 1) if (filter.add(`k${i}`)) maybes += 1;
    // 512 bits for 2,000 keys: most new keys look seen, since the filter does not grow.
    expect(maybes).toBeGreaterThan(1_000);
  });
});

describe('export when the key filters answer "maybe seen" for keys never seen', () => {
  it('exports every user and hash once, whether its row was written at once or staged', async () => {
    const ws = tempDir();
    const users = Array.from({ length: 400 }, (_, i) => ({
      external_id: `u${i}`,
      email: `user${i}@example.com`,
      org_external_id: `org${i % 7}`,
      ...(i % 2 === 0 ? { password_hash: `$2b$10$${String(i).padStart(22, 'a')}${'b'.repeat(31)}` } : {}),
    }));
    writeFileSync(join(ws, 'users.json'), JSON.stringify(users));
    const exported = async (out: string, keyFilterBits?: number) => {
      const result = await exportUsers({ source: 'json', file: 'users.json', out, includePasswordHashes: true }, { workspace: ws, limits: { keyFilterBits } });
      expect(result.countsAddUp).toBe(true);
      return readPackage(result.packageDir!);
    };
    const normal = await exported('normal');
    // 2^12 bits for 800 keys: a good share of rows look repeated and are staged, though no key repeats.
    const crowded = await exported('crowded', 12);
    expect(normal.manifest.counts).toMatchObject({ users: 400, rejects: 0, merged: 0 });
    expect(crowded.manifest.counts).toEqual(normal.manifest.counts);
    const byId = <T extends { external_id: string }>(list: T[]) => [...list].sort((a, b) => a.external_id.localeCompare(b.external_id));
    expect(byId(crowded.users)).toEqual(byId(normal.users));
    expect(byId(crowded.hashes)).toEqual(byId(normal.hashes));
    expect(crowded.hashes).toHaveLength(200);
    // The staged rows come after the rows written at once: the crowded filters did stage some.
    expect(crowded.users.map((user) => user.external_id)).not.toEqual(normal.users.map((user) => user.external_id));
  });
});
