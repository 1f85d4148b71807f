import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import { repoRoot } from '../helpers/cli.js';
import { readPackage, reasons } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'export');

function workspaceWith(...names: string[]): string {
  const ws = tempDir();
  for (const name of names) cpSync(join(fixtures, name), join(ws, name));
  return ws;
}

describe('export of bad input: every record exported, merged or rejected with its reason', () => {
  it('flat JSON: missing, malformed, unicode and IDN emails, conflicts, 10 kB names, wrong types, a truncated file', async () => {
    const ws = workspaceWith('bad-input.json');
    const result = await exportUsers({ source: 'json', file: 'bad-input.json' }, { workspace: ws });
    expect(result.counts).toEqual({ inputRecords: 21, users: 6, organizations: 3, roles: 3, memberships: 8, rejects: 13, merged: 2 });
    expect(result.countsAddUp).toBe(true);
    const pkg = await readPackage(result.packageDir!);
    const diagnostics = () => readFileSync(join(result.packageDir!, 'diagnostics.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(reasons(pkg.rejects)).toEqual({
      'missing email': 2,
      'email is not a string': 1,
      'malformed email': 1,
      'email has non-ASCII characters before the @': 1,
      'first name longer than 200 characters': 1,
      'external_id is not a string or number': 1,
      'email_verified is not a boolean or timestamp': 1,
      'missing external_id': 1,
      'no organization for the user': 1,
      'external_id already held by a record with another email; the first record keeps it': 1,
      'record is not an object': 1,
      'truncated JSON: the file ends inside this record': 1,
    });
    // Users whose rows repeat (here user 1, on two rows) are merged after the rest: the package keeps source order otherwise.
    expect(pkg.users).toEqual([
      { external_id: '7', email: 'info@xn--bcher-kva.example', email_verified: false, memberships: [{ org_external_id: 'o1', roles: [] }] },
      { external_id: '13', email: 'roles@example.com', email_verified: false, memberships: [{ org_external_id: 'o1', roles: ['admin'] }] },
      { external_id: '16', email: 'number-id@example.com', email_verified: true, memberships: [{ org_external_id: '7', roles: ['member', 'viewer'] }] },
      {
        external_id: '1', email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', email_verified: true,
        memberships: [{ org_external_id: 'o1', roles: ['admin'] }, { org_external_id: 'o2', roles: ['member'] }],
      },
      // Two ids, one address (DUP@ and dup@): one person; the first read keeps its id, the other is in merged_ids.
      {
        external_id: '8', email: 'dup@example.com', merged_ids: ['9'], email_verified: false,
        memberships: [{ org_external_id: 'o1', roles: [] }, { org_external_id: 'o2', roles: [] }],
      },
      // One id under two addresses: the first record keeps it, the second is rejected (above).
      { external_id: '20', email: 'x1@example.com', email_verified: false, memberships: [{ org_external_id: 'o1', roles: [] }] },
    ]);
    expect(pkg.organizations).toEqual([
      { external_id: '7', display_name: 'Seven' },
      { external_id: 'o1', display_name: 'Acme' },
      { external_id: 'o2', display_name: 'Beta' },
    ]);
    expect(pkg.rejects.find((r) => r.reason.startsWith('truncated'))).toEqual({
      source_ref: 'bad-input.json:22',
      reason: 'truncated JSON: the file ends inside this record',
      record: { line: 22, bytes: 40 },
    });
    expect(pkg.rejects.find((r) => r.source_ref === 'bad-input.json:20')?.record).toMatchObject({ external_id: '20', email: 'x2@example.com', id_kept_by: 'bad-input.json:19' });
    expect(diagnostics()).toContainEqual({ kind: 'identity-merged', external_id: '8', source_ref: 'bad-input.json:10', merged_id: '9', merged_source_ref: 'bad-input.json:11' });
    expect(result.warnings.find((w) => w.code === 'identities-merged')).toMatchObject({ count: 1, samples: ['8 <- 9'] });
    expect(diagnostics()).toContainEqual({ source_ref: 'bad-input.json:9', external_id: '7', kind: 'email-normalized', original: 'Info@Bücher.example', value: 'info@xn--bcher-kva.example' });
    expect(result.sampleUserIds).toEqual(['7', '13', '16', '1', '8']);
  });

  it('CSV: BOM, quoted commas and quotes, an embedded newline, short rows and an unclosed quote', async () => {
    const ws = workspaceWith('bad-input.csv');
    const result = await exportUsers({ source: 'csv', file: 'bad-input.csv' }, { workspace: ws });
    expect(result.counts).toEqual({ inputRecords: 7, users: 4, organizations: 2, roles: 2, memberships: 4, rejects: 3, merged: 0 });
    expect(result.countsAddUp).toBe(true);
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.users).toEqual([
      { external_id: '1', email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace, Countess', email_verified: true, memberships: [{ org_external_id: 'o1', roles: ['admin', 'member'] }] },
      { external_id: '2', email: 'grace@example.com', first_name: 'Grace "Amazing"', last_name: 'Hop\nper', email_verified: false, memberships: [{ org_external_id: 'o1', roles: ['member'] }] },
      { external_id: '5', email: 'eve@example.com', first_name: 'Eve', last_name: 'E', email_verified: true, memberships: [{ org_external_id: 'o2', roles: [] }] },
      // The row after the one with a stray quote is read on its own, not swallowed.
      { external_id: '7', email: 'frank@example.com', first_name: 'Frank', last_name: 'F', email_verified: true, memberships: [{ org_external_id: 'o2', roles: ['member'] }] },
    ]);
    expect(pkg.organizations).toEqual([{ external_id: 'o1', display_name: 'Acme, Inc.' }, { external_id: 'o2', display_name: 'Beta' }]);
    expect(pkg.rejects.map((r) => [r.source_ref, r.reason])).toEqual([
      ['bad-input.csv:5', 'malformed email'],
      ['bad-input.csv:6', 'wrong number of CSV fields: 3, the header has 8'],
      ['bad-input.csv:8', 'unbalanced quote in a CSV row'],
    ]);
  });

  it('reads status words in any case and spacing, and takes a word that names an object property for no status', async () => {
    const ws = tempDir();
    const words = ['Suspended', ' banned ', 'INVITED', 'archived', 'enabled', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    writeFileSync(join(ws, 'users.csv'), `external_id,email,org_external_id,status\n${words.map((word, i) => `u${i},u${i}@acme.test,o1,${word.includes(' ') ? `"${word}"` : word}`).join('\n')}\n`);
    for (const plainUsers of [true, false]) {
      const result = await exportUsers({ source: 'csv', file: 'users.csv', out: `pkg-${plainUsers}` }, { workspace: ws, plainUsers });
      expect(result.counts).toMatchObject({ inputRecords: 10, users: 10, rejects: 0, usersByStatus: { blocked: 2, unconfirmed: 1, deleted: 1 } });
      const pkg = await readPackage(result.packageDir!);
      expect(pkg.users.map((user) => user.status ?? 'active')).toEqual(['blocked', 'blocked', 'unconfirmed', 'deleted', 'active', 'active', 'active', 'active', 'active', 'active']);
    }
  });

  it('CSV and JSON with a column mapping (dotted paths for nested JSON)', async () => {
    const ws = workspaceWith('mapped-users.csv');
    writeFileSync(
      join(ws, 'csv-mapping.json'),
      JSON.stringify({ columns: { external_id: 'User ID', email: 'E-mail Address', name: 'Full Name', org_external_id: 'Company', org_display_name: 'Company Name', roles: 'Role' }, metadata: ['Plan'] }),
    );
    const csv = await exportUsers({ source: 'csv', file: 'mapped-users.csv', mapping: 'csv-mapping.json', out: 'csv-pkg' }, { workspace: ws });
    const csvPkg = await readPackage(csv.packageDir!);
    expect(csvPkg.users).toEqual([
      { external_id: 'u-1', email: 'kim@example.com', first_name: 'Kim', last_name: 'Wexler', email_verified: false, memberships: [{ org_external_id: 'c1', roles: ['partner'] }], metadata: { Plan: 'gold' } },
      { external_id: 'u-2', email: 'jimmy@example.com', first_name: 'Jimmy', last_name: 'McGill', email_verified: false, memberships: [{ org_external_id: 'c1', roles: ['partner'] }] },
    ]);

    writeFileSync(join(ws, 'nested.json'), JSON.stringify([{ id: 7, profile: { mail: 'saul@example.com', verified: 'true' }, company: { id: 'c9', name: 'JMM' }, role: 'owner' }]));
    writeFileSync(join(ws, 'json-mapping.json'), JSON.stringify({ columns: { external_id: 'id', email: 'profile.mail', email_verified: 'profile.verified', org_external_id: 'company.id', org_display_name: 'company.name', roles: 'role' } }));
    const json = await exportUsers({ source: 'json', file: 'nested.json', mapping: 'json-mapping.json', out: 'json-pkg' }, { workspace: ws });
    const jsonPkg = await readPackage(json.packageDir!);
    expect(jsonPkg.users).toEqual([{ external_id: '7', email: 'saul@example.com', email_verified: true, memberships: [{ org_external_id: 'c9', roles: ['owner'] }] }]);
    expect(jsonPkg.organizations).toEqual([{ external_id: 'c9', display_name: 'JMM' }]);

    writeFileSync(join(ws, 'bad-mapping.json'), JSON.stringify({ columns: { mail: 'x' } }));
    await expect(exportUsers({ source: 'csv', file: 'mapped-users.csv', mapping: 'bad-mapping.json', out: 'x' }, { workspace: ws })).rejects.toThrow(/mapping file .*bad-mapping\.json: columns/);
  });

  it('keeps password_hashes.ndjson in step when earlier rows are taken back to be merged or rejected', async () => {
    const ws = tempDir();
    const bcrypt = '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';
    const rows = [
      { external_id: 'a', email: 'a@example.com', org_external_id: 'o1', password_hash: bcrypt },
      { external_id: 'b', email: 'b@example.com', org_external_id: 'o1', password_hash: '5f4dcc3b5aa765d61d8327deb882cf99' },
      { external_id: 'c1', email: 'c@example.com', org_external_id: 'o1', password_hash: 'pbkdf2_sha256$260000$salt$aGFzaA==' },
      { external_id: 'd', email: 'd@example.com', org_external_id: 'o1' },
      { external_id: 'a', email: 'A@example.com', org_external_id: 'o2' },
      { external_id: 'c2', email: 'c@example.com', org_external_id: 'o2', password_hash: bcrypt },
    ];
    writeFileSync(join(ws, 'users.json'), JSON.stringify(rows));
    const result = await exportUsers({ source: 'json', file: 'users.json', includePasswordHashes: true }, { workspace: ws });
    expect(result.counts).toMatchObject({ inputRecords: 6, users: 4, rejects: 0, merged: 2 });
    const pkg = await readPackage(result.packageDir!);
    // c1 and c2 share an address: one person; c1 (read first, both unverified with a hash) keeps its id and its own hash.
    expect(pkg.users.map((u) => [u.external_id, u.merged_ids, u.memberships.map((m) => m.org_external_id)])).toEqual([
      ['b', undefined, ['o1']],
      ['d', undefined, ['o1']],
      ['a', undefined, ['o1', 'o2']],
      ['c1', ['c2'], ['o1', 'o2']],
    ]);
    expect(pkg.hashes.map((h) => [h.external_id, h.algorithm])).toEqual([['b', 'md5'], ['a', 'bcrypt'], ['c1', 'pbkdf2']]);
    expect(pkg.manifest.passwordHashes.byAlgorithm).toEqual({ md5: 1, none: 1, bcrypt: 1, pbkdf2: 1 });
    expect(pkg.rejects).toEqual([]);
  });

  it('gives the same package when every key looks repeated or too many keys repeat (the exact, staged path)', async () => {
    const ws = workspaceWith('bad-input.json');
    const normal = await readPackage((await exportUsers({ source: 'json', file: 'bad-input.json', out: 'a' }, { workspace: ws })).packageDir!);
    for (const [out, limits] of [['b', { keyFilterBits: 5 }], ['c', { maxRepeatedKeys: 2 }]] as const) {
      const result = await exportUsers({ source: 'json', file: 'bad-input.json', out }, { workspace: ws, limits });
      const pkg = await readPackage(result.packageDir!);
      expect(pkg.manifest.counts).toEqual(normal.manifest.counts);
      const byId = (a: { external_id: string }, b: { external_id: string }) => a.external_id.localeCompare(b.external_id);
      expect([...pkg.users].sort(byId)).toEqual([...normal.users].sort(byId));
      expect(reasons(pkg.rejects)).toEqual(reasons(normal.rejects));
      expect(pkg.organizations).toEqual(normal.organizations);
    }
  });

  it('refuses unreadable input with a clear error and leaves no half package', async () => {
    const ws = tempDir();
    writeFileSync(join(ws, 'not-json.json'), 'id,email\n1,a@example.com\n');
    await expect(exportUsers({ source: 'json', file: 'not-json.json' }, { workspace: ws })).rejects.toThrow(/not-json\.json is not JSON: line 1 starts with "i", expected \[ or \{/);
    await expect(exportUsers({ source: 'json', file: 'missing.json' }, { workspace: ws })).rejects.toThrow(/cannot read .*missing\.json: no such file/);
    await expect(exportUsers({ source: 'json', file: '../outside.json' }, { workspace: ws })).rejects.toThrow(/outside the workspace/);
    await expect(exportUsers({ source: 'json', file: 'not-json.json', defaultOrg: '=x' }, { workspace: ws })).rejects.toThrow(/defaultOrg needs an organization id/);
  });

  it('refuses to overwrite a package unless forced, and never one an import has used', async () => {
    const ws = workspaceWith('bad-input.csv');
    const first = await exportUsers({ source: 'csv', file: 'bad-input.csv' }, { workspace: ws });
    await expect(exportUsers({ source: 'csv', file: 'bad-input.csv' }, { workspace: ws })).rejects.toThrow(/is not empty: it holds an earlier package \(pass --force/);
    const again = await exportUsers({ source: 'csv', file: 'bad-input.csv', force: true }, { workspace: ws });
    expect(again.counts).toEqual(first.counts);
    writeFileSync(join(again.packageDir!, 'journal.ndjson'), '');
    await expect(exportUsers({ source: 'csv', file: 'bad-input.csv', force: true }, { workspace: ws })).rejects.toThrow(/an import has already used/);
  });
});
