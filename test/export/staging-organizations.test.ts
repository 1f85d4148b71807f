import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Staging } from '../../src/export/staging.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('staging: organizations listed by the source and named by memberships', () => {
  it('keeps one organization per id, listed or derived, whether the id is a serial number or not', () => {
    const staging = new Staging(Database, join(tempDir(), 'staging.sqlite'));
    try {
      // 250 listed organizations: more than one upsert batch, and a listed id repeated with another name.
      for (let i = 1; i <= 250; i += 1) staging.addOrganization({ id: String(i), name: `Org ${i}` });
      staging.addOrganization({ id: '7', name: 'Another name' });
      staging.addOrganization({ id: 'acme', name: 'Acme' });
      // Memberships naming listed ids, unlisted serials, look-alikes of serials and text ids, some twice.
      for (const id of ['1', '250', '251', '251', '007', '7', '0', '12345678', 'acme', 'beta', 'beta']) staging.referenceOrganization(id, undefined);
      staging.referenceOrganization('9999999', 'Named by a membership');
      const rows = new Map([...staging.organizations()].map(([id, name, , , derived, conflicts]) => [id, { name, derived, conflicts }]));
      expect(rows.size).toBe(250 + 1 + 6);
      expect(rows.get('7')).toEqual({ name: 'Org 7', derived: 0, conflicts: 1 });
      expect(rows.get('250')).toEqual({ name: 'Org 250', derived: 0, conflicts: 0 });
      expect(rows.get('acme')).toEqual({ name: 'Acme', derived: 0, conflicts: 0 });
      for (const id of ['251', '007', '0', '12345678', 'beta']) expect(rows.get(id)).toEqual({ name: null, derived: 1, conflicts: 0 });
      expect(rows.get('9999999')).toEqual({ name: 'Named by a membership', derived: 1, conflicts: 0 });
    } finally {
      staging.close();
    }
  });

  it('an organization named by a membership before the source lists it takes the listed name', () => {
    const staging = new Staging(Database, join(tempDir(), 'staging.sqlite'));
    try {
      staging.referenceOrganization('42', undefined);
      staging.addOrganization({ id: '42', name: 'Listed later' });
      expect([...staging.organizations()]).toEqual([['42', 'Listed later', null, null, 0, 0]]);
    } finally {
      staging.close();
    }
  });
});
