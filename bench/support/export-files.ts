/**
 * Export files of each vendor format with n users, written in the shapes their docs describe, for
 * the export benchmark: every 50th user shares the address of the user before it under another
 * id (a merge), every 40th is disabled or blocked, half have a password hash where the format has one.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const BCRYPT = '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';

export interface FileSource {
  source: string;
  file: string;
  /** Extra CLI flags (an organization for users the format gives none). */
  flags: string[];
  /**
   * The baseline: a plain tool parsing the same records and printing each: `jq -c` for JSON and NDJSON; for CSV,
   * Python's C csv module printing each row as JSON (the CSV counterpart of `jq -c`).
   */
  baseline: string;
  /** CSV: a second, faster reader that parses the rows into a table and prints nothing (`sqlite3 .import`). */
  alsoBaseline?: string;
}

const sqliteImport = (file: string) => `sqlite3 :memory: ".import --csv ${file} t" "SELECT count(*) FROM t"`;
const csvRowsAsJson = (file: string) => `python3 -c 'import csv, json, sys\nfor row in csv.DictReader(open(sys.argv[1], newline="")): print(json.dumps(row))' ${file}`;

/** Buffered writer: one write call per 1 MiB. */
function writer(path: string) {
  const fd = openSync(path, 'w', 0o600);
  let pending = '';
  return {
    put(text: string) {
      pending += text;
      if (pending.length > 1 << 20) {
        writeSync(fd, pending);
        pending = '';
      }
    },
    close() {
      writeSync(fd, pending);
      closeSync(fd);
    },
  };
}

const emailOf = (i: number) => `user${i % 50 === 0 ? i - 1 : i}@example.com`;

export function writeFileSources(dir: string, n: number): FileSource[] {
  const out: FileSource[] = [];

  let w = writer(join(dir, 'auth0.ndjson'));
  for (let i = 1; i <= n; i += 1) {
    const social = i % 50 === 0;
    w.put(
      JSON.stringify({
        user_id: social ? `google-oauth2|${100000 + i}` : `auth0|${i.toString(16).padStart(24, '0')}`,
        email: emailOf(i), email_verified: i % 3 !== 0, name: `First${i} Last${i}`, given_name: `First${i}`, family_name: `Last${i}`, nickname: `user${i}`,
        created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-02-01T00:00:00.000Z', blocked: i % 40 === 0 ? true : undefined,
        identities: [{ provider: social ? 'google-oauth2' : 'auth0', user_id: social ? String(100000 + i) : i.toString(16).padStart(24, '0'), connection: social ? 'google-oauth2' : 'Username-Password-Authentication', isSocial: social }],
        user_metadata: { theme: 'dark', locale: 'en' }, app_metadata: { plan: i % 2 ? 'pro' : 'free', tenant: `t${i % 100}` },
      }) + '\n',
    );
  }
  w.close();
  out.push({ source: 'auth0', file: 'auth0.ndjson', flags: ['--default-org', 'main'], baseline: "jq -c '.' auth0.ndjson" });

  w = writer(join(dir, 'firebase.json'));
  w.put('{"users": [\n');
  for (let i = 1; i <= n; i += 1) {
    w.put(
      (i > 1 ? ',\n' : '') +
        JSON.stringify({
          localId: `fb${i}`, email: emailOf(i), emailVerified: i % 3 !== 0, displayName: `First${i} Last${i}`, disabled: i % 40 === 0,
          passwordHash: i % 2 ? 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==' : undefined, salt: i % 2 ? '42xEC+ixf3L2lw==' : undefined,
          createdAt: '1700000000000', lastSignedInAt: '1700000001000', providerUserInfo: [{ providerId: 'password', email: emailOf(i) }],
          customAttributes: '{"plan":"pro"}',
        }),
    );
  }
  w.put('\n]}\n');
  w.close();
  out.push({ source: 'firebase', file: 'firebase.json', flags: ['--default-org', 'main'], baseline: "jq -c '.users[]' firebase.json" });

  w = writer(join(dir, 'cognito.json'));
  for (let page = 0; page * 60 < n; page += 1) {
    const users = [];
    for (let i = page * 60 + 1; i <= Math.min(n, page * 60 + 60); i += 1) {
      users.push({
        Username: i % 50 === 0 ? `Google_${i}` : `user${i}`,
        Attributes: [
          { Name: 'sub', Value: `0000${i}-1111-4a2b-9c3d-0123456789ab` }, { Name: 'email', Value: emailOf(i) }, { Name: 'email_verified', Value: String(i % 3 !== 0) },
          { Name: 'given_name', Value: `First${i}` }, { Name: 'family_name', Value: `Last${i}` }, { Name: 'custom:tenant_id', Value: `t${i % 100}` },
        ],
        UserCreateDate: '2024-01-01T00:00:00.000Z', UserLastModifiedDate: '2024-01-02T00:00:00.000Z', Enabled: i % 40 !== 0,
        UserStatus: i % 50 === 0 ? 'EXTERNAL_PROVIDER' : i % 7 === 0 ? 'UNCONFIRMED' : 'CONFIRMED',
      });
    }
    w.put(JSON.stringify({ Users: users, PaginationToken: `page${page + 1}` }) + '\n');
  }
  w.close();
  out.push({ source: 'cognito', file: 'cognito.json', flags: ['--default-org', 'pool'], baseline: "jq -c '.Users[]' cognito.json" });

  w = writer(join(dir, 'clerk.csv'));
  w.put('id,first_name,last_name,username,primary_email_address,primary_phone_number,verified_email_addresses,unverified_email_addresses,verified_phone_numbers,unverified_phone_numbers,totp_secret,password_digest,password_hasher\n');
  for (let i = 1; i <= n; i += 1) {
    const email = emailOf(i);
    w.put(`user_${i},First${i},"Last${i}, Jr",,${email},,${i % 3 ? email : ''},,,,,${i % 2 ? BCRYPT : ''},${i % 2 ? 'bcrypt' : ''}\n`);
  }
  w.close();
  out.push({ source: 'clerk', file: 'clerk.csv', flags: ['--default-org', 'main'], baseline: csvRowsAsJson('clerk.csv'), alsoBaseline: sqliteImport('clerk.csv') });

  w = writer(join(dir, 'keycloak-realm.json'));
  w.put(
    JSON.stringify({ id: 'acme', realm: 'acme', enabled: true, roles: { realm: [{ name: 'offline_access' }, { name: 'editor' }, { name: 'manager', composite: true, composites: { realm: ['editor'] } }] }, groups: [{ id: 'g1', name: 'staff', path: '/staff', realmRoles: ['editor'], subGroups: [] }] }).slice(0, -1) +
      ',"users":[\n',
  );
  for (let i = 1; i <= n; i += 1) {
    w.put(
      (i > 1 ? ',\n' : '') +
        JSON.stringify({
          id: `kc-${i}`, username: `user${i}`, email: emailOf(i), emailVerified: i % 3 !== 0, firstName: `First${i}`, lastName: `Last${i}`, enabled: i % 40 !== 0,
          createdTimestamp: 1700000000000, attributes: { locale: ['en'] }, realmRoles: i % 10 ? ['default-roles-acme'] : ['manager'], groups: i % 4 ? [] : ['/staff'],
          credentials: i % 2 ? [{ type: 'password', createdDate: 1700000000000, secretData: '{"value":"Vk3wq9Jg3nH0aVv0x2cq8S1Q8f3mYy7cQ0u4u2l6Y1o=","salt":"c2FsdA==","additionalParameters":{}}', credentialData: '{"hashIterations":27500,"algorithm":"pbkdf2-sha256","additionalParameters":{}}' }] : [],
        }),
    );
  }
  w.put('\n]}\n');
  w.close();
  out.push({ source: 'keycloak', file: 'keycloak-realm.json', flags: ['--default-org', 'acme'], baseline: "jq -c '.users[]' keycloak-realm.json" });

  w = writer(join(dir, 'flat.json'));
  w.put('[\n');
  for (let i = 1; i <= n; i += 1) {
    w.put((i > 1 ? ',\n' : '') + JSON.stringify({ external_id: `u${i}`, email: emailOf(i), email_verified: i % 3 !== 0, first_name: `First${i}`, last_name: `Last${i}`, org_external_id: `o${i % 1000}`, org_display_name: `Org ${i % 1000}`, roles: ['member'] }));
  }
  w.put('\n]\n');
  w.close();
  out.push({ source: 'json', file: 'flat.json', flags: [], baseline: "jq -c '.[]' flat.json" });

  w = writer(join(dir, 'flat.csv'));
  w.put('external_id,email,email_verified,first_name,last_name,org_external_id,org_display_name,role,status\r\n');
  for (let i = 1; i <= n; i += 1) w.put(`u${i},${emailOf(i)},${i % 3 !== 0},First${i},"Last${i}, Jr",o${i % 1000},Org ${i % 1000},member,${i % 40 ? 'active' : 'suspended'}\n`);
  w.close();
  out.push({ source: 'csv', file: 'flat.csv', flags: [], baseline: csvRowsAsJson('flat.csv'), alsoBaseline: sqliteImport('flat.csv') });
  return out;
}
