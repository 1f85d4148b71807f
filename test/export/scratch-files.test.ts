import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import { tempDir } from '../helpers/temp-dir.js';

describe("export scratch files: owner-only while they exist, a killed run's leftovers cleared by the next", () => {
  it('removes the scratch files of a dead export, keeps a live one, and keeps its own staging file 0600', async () => {
    const ws = tempDir();
    const rows = Array.from({ length: 30 }, (_, i) => ({ external_id: `u${i}`, email: `u${i % 20}@example.com`, org_external_id: 'o1' }));
    writeFileSync(join(ws, 'users.json'), JSON.stringify(rows));
    const pkg = join(ws, 'pkg');
    mkdirSync(pkg, { recursive: true, mode: 0o700 });
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const live = process.ppid;
    const leftovers = [`.staging-${dead}-0a1b2c3d.sqlite`, `.source-refs-${dead}-0a1b2c3d.tmp`, `.users.ndjson.previous-${dead}-0a1b2c3d.tmp`];
    for (const name of leftovers) writeFileSync(join(pkg, name), 'hash $2b$10$ leftover', { mode: 0o644 });
    writeFileSync(join(pkg, `.staging-${live}-99999999.sqlite`), '', { mode: 0o600 });

    const seenModes: number[] = [];
    const result = await exportUsers(
      { source: 'json', file: 'users.json', out: 'pkg' },
      {
        workspace: ws,
        onProgress: () => {
          for (const name of readdirSync(pkg).filter((n) => n.startsWith(`.staging-${process.pid}-`) || n.includes(`-${process.pid}-`))) {
            seenModes.push(statSync(join(pkg, name)).mode & 0o777);
          }
        },
      },
    );
    expect(result.counts).toMatchObject({ inputRecords: 30, users: 20, merged: 10 });
    for (const name of leftovers) expect(existsSync(join(pkg, name)), name).toBe(false);
    expect(existsSync(join(pkg, `.staging-${live}-99999999.sqlite`))).toBe(true);
    expect(result.warnings.find((w) => w.code === 'stale-scratch-removed')).toMatchObject({ count: 3 });
    expect(seenModes.length).toBeGreaterThan(0);
    expect(new Set(seenModes)).toEqual(new Set([0o600]));
    // Nothing of this run is left behind.
    expect(readdirSync(pkg).filter((n) => n.startsWith('.'))).toEqual([`.staging-${live}-99999999.sqlite`]);
  });
});
