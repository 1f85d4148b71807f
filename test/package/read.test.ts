import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_FORMAT, type Manifest } from '../../src/package/manifest.js';
import { packageDigest, readManifest, readRecords, verifyPackageChecksums } from '../../src/package/read.js';
import { userRecordSchema } from '../../src/package/records.js';
import { tempDir } from '../helpers/temp-dir.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function writePackage(dir: string, users: string): Manifest {
  writeFileSync(join(dir, 'users.ndjson'), users);
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    createdAt: '2026-11-27T00:00:00.000Z',
    toolVersion: '0.1.0',
    source: { kind: 'json', ref: 'users.json' },
    counts: { inputRecords: 1, users: 1, organizations: 0, roles: 0, memberships: 0, rejects: 0, merged: 0 },
    passwordHashes: { included: false, byAlgorithm: { none: 1 } },
    files: { 'users.ndjson': { sha256: sha(users), bytes: Buffer.byteLength(users), records: 1 } },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return manifest;
}

describe('migration package reader', () => {
  it('reads the manifest and validated records with their line numbers', async () => {
    const dir = tempDir();
    const manifest = writePackage(dir, '{"external_id":"u1","email":"a@example.com","email_verified":true,"memberships":[]}\n');
    expect(await readManifest(dir)).toEqual(manifest);
    await verifyPackageChecksums(dir, manifest);
    const records = [];
    for await (const entry of readRecords(join(dir, 'users.ndjson'), userRecordSchema)) records.push(entry);
    expect(records).toEqual([{ line: 1, record: { external_id: 'u1', email: 'a@example.com', email_verified: true, memberships: [] } }]);
    expect(packageDigest(manifest)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the file and line of an invalid record', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'users.ndjson'), '{"external_id":"u1","email":"a@example.com","email_verified":true,"memberships":[]}\n\n{"external_id":"u2","email":"nope","email_verified":true,"memberships":[]}\n');
    const read = async () => {
      for await (const _ of readRecords(join(dir, 'users.ndjson'), userRecordSchema)) void _;
    };
    await expect(read()).rejects.toThrow(/users\.ndjson:3: email: not a valid email address/);
  });

  it('refuses a missing manifest and a package whose files changed since export', async () => {
    const empty = tempDir();
    await expect(readManifest(empty)).rejects.toThrow(`no migration package at ${empty}: manifest.json is missing`);
    const dir = tempDir();
    const manifest = writePackage(dir, '{}\n');
    writeFileSync(join(dir, 'users.ndjson'), '{"tampered":true}\n');
    await expect(verifyPackageChecksums(dir, manifest)).rejects.toThrow('users.ndjson changed since export');
  });
});
