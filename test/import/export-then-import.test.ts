import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import { resolvePackageDir } from '../../src/import/package-dir.js';
import { runImport } from '../../src/import/run-import.js';
import { runVerify } from '../../src/import/verify.js';
import { repoRoot } from '../helpers/cli.js';
import { readPackage } from '../helpers/package.js';
import { testEmulator } from '../helpers/emulator.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('phase 1 to phase 2', () => {
  it('imports a package written by the real export (Auth0 fixture) and verifies it with zero mismatches', async () => {
    const { emulator, connection } = await testEmulator();
    const workspace = tempDir();
    for (const name of ['auth0-users.ndjson', 'auth0-organizations.json']) cpSync(join(repoRoot, 'test', 'fixtures', 'export', name), join(workspace, name));
    const exported = await exportUsers({ source: 'auth0', file: 'auth0-users.ndjson', organizationsFile: 'auth0-organizations.json' }, { workspace });

    // The package export wrote last is the one import picks by default.
    const packageDir = await resolvePackageDir(workspace, undefined, true);
    expect(packageDir).toBe(exported.packageDir);
    const result = await runImport({ packageDir, apply: true, connection, rate: 5000 });
    expect(result.failures.total).toBe(0);
    // The blocked user is exported with its status and left out by the import (no --include-inactive).
    expect(exported.counts.usersByStatus).toEqual({ blocked: 1 });
    expect(result.counts.users.create).toBe(exported.counts.users - 1);
    expect(result.counts.organizations.create).toBe(exported.counts.organizations);
    const active = (await readPackage(packageDir)).users.filter((user) => user.status === undefined);
    expect(result.counts.memberships.create).toBe(active.reduce((sum, user) => sum + user.memberships.length, 0));
    expect(result.counts.memberships.create).toBeGreaterThan(0);
    expect((await runVerify({ packageDir, connection, rate: 5000 })).ok).toBe(true);
    expect(emulator.state().users.map((user) => user.external_id).sort()).toEqual(['auth0|5f7c8ec7c33c6c004bbafe82', 'google-oauth2|109837451234567890123']);
  });
});
