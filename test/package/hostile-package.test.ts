import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImportPackage } from '../../src/import/load-package.js';
import { runRollback } from '../../src/import/rollback.js';
import { runImport } from '../../src/import/run-import.js';
import { isValidEmail } from '../../src/package/email.js';
import { readManifest } from '../../src/package/read.js';
import { normalizeEmail } from '../../src/export/normalize/email.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Rewrites the manifest with `edit` applied (the package's checksums stay as they were). */
function editManifest(dir: string, edit: (manifest: Record<string, any>) => void): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  edit(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

/** Replaces users.ndjson with `text` and updates its checksum, as someone editing a package would. */
function replaceUsers(dir: string, text: string, records: number): void {
  writeFileSync(join(dir, 'users.ndjson'), text);
  editManifest(dir, (manifest) => {
    manifest.files['users.ndjson'] = { sha256: sha(text), bytes: Buffer.byteLength(text), records };
  });
}

function smallPackage(): string {
  const dir = tempDir();
  writeTestPackage(dir, syntheticPackage({ organizations: 1, users: 2 }));
  return dir;
}

describe('a migration package is input: hostile files are refused with what and where', () => {
  it('refuses a manifest file name with a path in it, before reading anything', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.txt'), 'not package data\n');
    for (const name of ['../secret.txt', `../${outside.split('/').pop()}/secret.txt`, '..', 'sub/users.ndjson', '..\\x']) {
      const dir = smallPackage();
      editManifest(dir, (manifest) => {
        manifest.files[name] = { sha256: sha('not package data\n'), bytes: 17, records: 0 };
      });
      await expect(loadImportPackage(dir), name).rejects.toThrow(`${join(dir, 'manifest.json')}: files: "${name}" is not a file name inside the package folder`);
    }
  });

  it('refuses package files that are symbolic links (manifest, data file) and names the link', async () => {
    const outside = tempDir();
    const dir = smallPackage();
    const usersText = readFileSync(join(dir, 'users.ndjson'), 'utf8');
    writeFileSync(join(outside, 'users.ndjson'), usersText);
    unlinkSync(join(dir, 'users.ndjson'));
    symlinkSync(join(outside, 'users.ndjson'), join(dir, 'users.ndjson'));
    // Same bytes, same checksum: only the link itself is wrong.
    await expect(loadImportPackage(dir)).rejects.toThrow(`${join(dir, 'users.ndjson')} is a symbolic link`);

    const second = smallPackage();
    writeFileSync(join(outside, 'manifest.json'), readFileSync(join(second, 'manifest.json')));
    unlinkSync(join(second, 'manifest.json'));
    symlinkSync(join(outside, 'manifest.json'), join(second, 'manifest.json'));
    await expect(readManifest(second)).rejects.toThrow(`${join(second, 'manifest.json')} is a symbolic link`);
  });

  it('a dangling journal.ndjson symlink is refused before anything is created where it points', async () => {
    const dir = smallPackage();
    const target = join(tempDir('skm-outside-'), 'created-by-import.ndjson');
    symlinkSync(target, join(dir, 'journal.ndjson'));
    const connection = { environmentUrl: 'http://127.0.0.1:9', clientId: 'unused', clientSecret: 'unused' };
    await expect(runImport({ packageDir: dir, apply: true, connection })).rejects.toThrow(`${join(dir, 'journal.ndjson')} is a symbolic link`);
    await expect(runRollback({ packageDir: dir, apply: true, connection })).rejects.toThrow(`${join(dir, 'journal.ndjson')} is a symbolic link`);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(dir, 'package.lock'))).toBe(false);
  });

  it('refuses a named pipe or a device in place of a data file without hanging', async () => {
    const dir = smallPackage();
    unlinkSync(join(dir, 'rejects.ndjson'));
    execFileSync('mkfifo', [join(dir, 'rejects.ndjson')]);
    await expect(loadImportPackage(dir)).rejects.toThrow(`${join(dir, 'rejects.ndjson')} is not a regular file (a named pipe)`);

    const second = smallPackage();
    unlinkSync(join(second, 'rejects.ndjson'));
    symlinkSync('/dev/zero', join(second, 'rejects.ndjson'));
    await expect(loadImportPackage(second)).rejects.toThrow(`${join(second, 'rejects.ndjson')} is a symbolic link`);
  });

  it('refuses a manifest that lists no users.ndjson instead of importing zero users', async () => {
    const dir = smallPackage();
    editManifest(dir, (manifest) => {
      delete manifest.files['users.ndjson'];
      manifest.counts.users = 0;
      manifest.counts.memberships = 0;
    });
    unlinkSync(join(dir, 'users.ndjson'));
    await expect(loadImportPackage(dir)).rejects.toThrow(`${join(dir, 'manifest.json')}: files does not list users.ndjson`);
  });

  it('refuses unknown fields instead of dropping them: a record field, a membership field, a manifest field', async () => {
    const dir = smallPackage();
    const user = { external_id: 'u1', email: 'a@example.com', email_verified: true, memberships: [{ org_external_id: 't-org-0', role: 'admin', roles: [] }] };
    replaceUsers(dir, JSON.stringify(user) + '\n', 1);
    editManifest(dir, (manifest) => {
      manifest.counts.users = 1;
      manifest.counts.memberships = 1;
    });
    await expect(loadImportPackage(dir)).rejects.toThrow(`${join(dir, 'users.ndjson')}:1: unknown field "memberships.0.role"`);

    replaceUsers(dir, JSON.stringify({ ...user, memberships: [], phone: '+100' }) + '\n', 1);
    await expect(loadImportPackage(dir)).rejects.toThrow(`${join(dir, 'users.ndjson')}:1: unknown field "phone"`);

    const second = smallPackage();
    editManifest(second, (manifest) => {
      manifest.counts.invites = 3;
    });
    await expect(readManifest(second)).rejects.toThrow(`${join(second, 'manifest.json')}: unknown field "counts.invites"`);
  });

  it('still takes metadata keys of any name (a map, not fields)', async () => {
    const dir = smallPackage();
    const user = { external_id: 'u1', email: 'a@example.com', email_verified: true, memberships: [{ org_external_id: 't-org-0', roles: ['admin'] }], metadata: { anything_goes: 'x' } };
    replaceUsers(dir, JSON.stringify(user) + '\n', 1);
    editManifest(dir, (manifest) => {
      manifest.counts.users = 1;
      manifest.counts.memberships = 1;
    });
    expect((await loadImportPackage(dir)).users[0]!.record.metadata).toEqual({ anything_goes: 'x' });
    expect(existsSync(join(dir, 'package.lock'))).toBe(false);
  });
});

describe('email addresses', () => {
  it('accepts valid addresses the old check refused: internationalized top-level domains, & = / and other atext in the local part', () => {
    for (const email of ['ivan@example.xn--p1ai', 'ivan@пример.рф', 'a&b@example.com', 'x=y@example.com', 'dept/sales@example.com', "o'neil@example.co.uk", 'tag+x@example.com', 'a!#$%*?^`{|}~@example.org', 'user@xn--bcher-kva.example']) {
      expect(isValidEmail(email), email).toBe(true);
    }
  });

  it('refuses what is not an address', () => {
    for (const email of ['plain', 'a@example.com\n', ' a@example.com', 'a@exa mple.com', '@example.com', 'a@', 'a@localhost', 'a..b@example.com', '.a@example.com', 'a.@example.com', 'a b@example.com', 'a@-example.com', 'a@example.123', 'a@[192.0.2.1]', '"quoted"@example.com', `${'x'.repeat(65)}@example.com`, 'a@exa_mple.com']) {
      expect(isValidEmail(email), email).toBe(false);
    }
  });

  it('export keeps such addresses (an internationalized domain in its ASCII form) instead of rejecting them', () => {
    expect(normalizeEmail('Ivan@Пример.РФ')).toEqual({ ok: true, email: 'ivan@xn--e1afmkfd.xn--p1ai', changed: true });
    expect(normalizeEmail('a&b=c/d@example.com')).toEqual({ ok: true, email: 'a&b=c/d@example.com', changed: false });
  });
});
