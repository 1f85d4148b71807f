import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImportPackage } from '../../src/import/load-package.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('loading a package for import', () => {
  it('reads roles, organizations and users with their file:line references and pins a digest', async () => {
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 2, users: 3 }));
    const loaded = await loadImportPackage(dir);
    expect(loaded.roles.map((entry) => entry.record.name)).toEqual(['admin', 'member']);
    expect(loaded.organizations.map((entry) => entry.ref)).toEqual(['organizations.ndjson:1', 'organizations.ndjson:2']);
    expect(loaded.users[2]).toMatchObject({ ref: 'users.ndjson:3', record: { external_id: 't-user-2' } });
    expect(loaded.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a package whose data changed after export', async () => {
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 1, users: 1 }));
    writeFileSync(join(dir, 'users.ndjson'), readFileSync(join(dir, 'users.ndjson'), 'utf8').replace('First0', 'Eve'));
    await expect(loadImportPackage(dir)).rejects.toThrow('users.ndjson changed since export');
  });

  it('names the line of a duplicate external id or email without printing the email', async () => {
    const dir = tempDir();
    const content = syntheticPackage({ organizations: 1, users: 2 });
    content.users[1]!.email = content.users[0]!.email.toUpperCase();
    writeTestPackage(dir, content);
    const error = (await loadImportPackage(dir).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toBe(`${join(dir, 'users.ndjson:2')}: duplicate user email (first at users.ndjson:1)`);
    expect(error.message).not.toContain('@');

    const other = tempDir();
    const twice = syntheticPackage({ organizations: 2, users: 1 });
    twice.organizations[1]!.external_id = twice.organizations[0]!.external_id;
    writeTestPackage(other, twice);
    await expect(loadImportPackage(other)).rejects.toThrow('organizations.ndjson:2: duplicate organization external_id (first at organizations.ndjson:1)');
  });

  it('refuses a membership listed twice and counts that disagree with the manifest', async () => {
    const dir = tempDir();
    const content = syntheticPackage({ organizations: 1, users: 1 });
    content.users[0]!.memberships.push({ org_external_id: 't-org-0', roles: [] });
    writeTestPackage(dir, content);
    await expect(loadImportPackage(dir)).rejects.toThrow('users.ndjson:1: memberships: organization "t-org-0" appears twice');

    const short = tempDir();
    const manifest = writeTestPackage(short, syntheticPackage({ organizations: 1, users: 2 }));
    manifest.counts.users = 3;
    writeFileSync(join(short, 'manifest.json'), JSON.stringify(manifest));
    await expect(loadImportPackage(short)).rejects.toThrow('the package holds 2 users but its manifest counts 3');
  });

  it('refuses a data file the manifest does not list', async () => {
    const dir = tempDir();
    const manifest = writeTestPackage(dir, syntheticPackage({ organizations: 1, users: 1 }));
    delete manifest.files['roles.ndjson'];
    manifest.counts.roles = 0;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await expect(loadImportPackage(dir)).rejects.toThrow('roles.ndjson is not listed in manifest.json');
  });
});
