import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackageLock } from '../../src/import/package-lock.js';
import { runImport } from '../../src/import/run-import.js';
import { runVerify } from '../../src/import/verify.js';
import { testEmulator } from '../helpers/emulator.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('verify only reads: no lock of its own, but not while a run writes', () => {
  it('two verifies run side by side; an import or a rollback holding the package refuses verify naming it; a stale lock does not', async () => {
    const { connection } = await testEmulator();
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 20 }));
    await runImport({ packageDir: dir, apply: true, connection, rate: 5000 });

    const [a, b] = await Promise.all([runVerify({ packageDir: dir, connection }), runVerify({ packageDir: dir, connection })]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(existsSync(join(dir, 'package.lock'))).toBe(false);

    for (const command of ['import', 'rollback']) {
      const lock = await PackageLock.acquire(dir, command);
      const refused = runVerify({ packageDir: dir, connection });
      await expect(refused).rejects.toThrow(
        new RegExp(`^verify refused: ${command} started \\S+ by process ${process.pid} on host ${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} holds package\\.lock\\. verify compares Scalekit with the package`),
      );
      await lock.release();
    }

    // The lock of a process that is gone is no reason to refuse.
    const gone = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    writeFileSync(join(dir, 'package.lock'), JSON.stringify({ pid: gone, host: hostname(), command: 'import', startedAt: new Date().toISOString(), token: 'x' }) + '\n', { mode: 0o600 });
    expect((await runVerify({ packageDir: dir, connection })).ok).toBe(true);
    // ...and verify leaves it for the next writing run to take over.
    expect(existsSync(join(dir, 'package.lock'))).toBe(true);
  });
});
