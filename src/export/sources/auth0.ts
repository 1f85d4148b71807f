import { handOverUser } from '../normalize/plain-user.js';
import { basename } from 'node:path';
import { UserInputError } from '../../errors.js';
import type { ExportSource, SourceSink, SourceUser } from '../model.js';
import type { PasswordHashInput } from '../normalize/password-hash.js';
import { csvRowBatches, type CsvStats } from '../io/csv-rows.js';
import { jsonItems } from '../io/json-items.js';
import { assertReadableFile, readTextChunks } from '../io/text-file.js';
import { eachJsonRecord, startsWithArray } from './file-records.js';
import { entriesOf, isObject, pick, type Json } from './records.js';

/**
 * Auth0: the output of a user export job (POST /api/v2/jobs/users-exports), format "json" (NDJSON,
 * often gzipped; a JSON array converted with jq is read too) or "csv" (columns named by the job's
 * fields, values Auth0 prefixed with `'`). Organizations come from `organizationsFile` (the
 * Management API's organizations with their members), streamed. Records of Auth0's password hash
 * export (a support ticket: `_id.$oid`, `passwordHash`) and import-format records with
 * `custom_password_hash` carry hashes; they join their user by id and email.
 *
 * Merge rule (records sharing an email): the database-connection identity (`auth0|`) keeps its
 * id, then a passwordless one (`email|`, `sms|`), then social and enterprise identities.
 */
export function auth0Source(path: string, organizationsPath: string | undefined, hashesPath?: string): ExportSource {
  assertReadableFile(path);
  if (hashesPath) assertReadableFile(hashesPath);
  const csv = /\.csv$/i.test(path);
  const stats = { records: 0, commentLines: 0 };
  return {
    kind: 'auth0',
    ref: basename(path),
    // The CSV's physical records are checked against the records handed over (the hash export's records come on top).
    recordsRead: csv && !hashesPath ? () => stats.records : undefined,
    async read(sink) {
      if (organizationsPath) await readOrganizations(organizationsPath, sink);
      if (csv) await readCsv(path, sink, stats);
      else await readJson(path, sink);
      // The hash export's records are the same people (same id, same email): they merge with their users.
      if (hashesPath) await readJson(hashesPath, sink);
    },
  };
}

async function readJson(path: string, sink: SourceSink): Promise<void> {
  const ndjson = !(await startsWithArray(path));
  await eachJsonRecord(path, sink, { ndjson }, (record, ref) => {
    if (!isObject(record)) return sink.unreadable(ref, 'record is not an object', record);
    handOverUser(sink, auth0User(record, ref));
  });
}

function auth0User(record: Json, ref: string): SourceUser {
  const hashExport = isObject(record._id) && typeof record._id.$oid === 'string';
  const userId = hashExport ? `auth0|${(record._id as Json).$oid as string}` : record.user_id;
  const name = typeof record.name === 'string' && record.name.trim().toLowerCase() === String(record.email ?? '').trim().toLowerCase() ? undefined : record.name;
  return {
    sourceRef: ref,
    record,
    externalId: userId,
    email: record.email,
    emailVerified: record.email_verified,
    firstName: record.given_name,
    lastName: record.family_name,
    fullName: record.given_name === undefined && record.family_name === undefined ? name : undefined,
    status: record.blocked === true || record.blocked === 'true' ? 'blocked' : undefined,
    mergeRank: identityRank(userId),
    memberships: [],
    // app_metadata is the application's own record of the user: it takes the metadata slots first.
    metadata: appThenUserMetadata(record),
    linkedIds: linkedIdentities(record.identities),
    membershipKeys: typeof userId === 'string' ? [userId] : [],
    passwordHash: passwordOf(record),
  };
}

function appThenUserMetadata(record: Json): [string, unknown][] {
  const metadata = entriesOf(record.app_metadata);
  for (const entry of entriesOf(record.user_metadata)) metadata.push(entry);
  return metadata;
}

/** The ids of the identities linked to an account (`provider|user_id`, as Auth0 writes user ids); the primary one is among them. */
function linkedIdentities(identities: unknown): string[] {
  const ids: string[] = [];
  if (!Array.isArray(identities)) return ids;
  for (const identity of identities) {
    if (isObject(identity) && typeof identity.provider === 'string' && (typeof identity.user_id === 'string' || typeof identity.user_id === 'number')) ids.push(`${identity.provider}|${identity.user_id}`);
  }
  return ids;
}

function identityRank(userId: unknown): number {
  if (typeof userId !== 'string') return 3;
  if (userId.startsWith('auth0|')) return 0;
  if (userId.startsWith('email|') || userId.startsWith('sms|')) return 1;
  return 2;
}

/** A hash from the password hash export (bcrypt) or the import format's custom_password_hash. */
function passwordOf(record: Json): PasswordHashInput | undefined {
  if (typeof record.passwordHash === 'string' && record.passwordHash !== '') {
    return { value: record.passwordHash, params: typeof record.connection === 'string' ? { auth0_connection: record.connection } : undefined };
  }
  const custom = record.custom_password_hash;
  if (!isObject(custom) || !isObject(custom.hash) || typeof custom.hash.value !== 'string') return undefined;
  const algorithm = String(custom.algorithm ?? '').toLowerCase();
  const params: Json = { auth0_algorithm: algorithm };
  for (const key of ['encoding', 'digest', 'key']) if (custom.hash[key] !== undefined) params[`hash_${key}`] = custom.hash[key];
  if (isObject(custom.salt)) params.salt = custom.salt.value, params.salt_position = custom.salt.position, params.salt_encoding = custom.salt.encoding;
  if (isObject(custom.password) && custom.password.encoding !== undefined) params.password_encoding = custom.password.encoding;
  if (custom.keylen !== undefined) params.keylen = custom.keylen;
  return { value: custom.hash.value, algorithm: AUTH0_ALGORITHMS[algorithm] ?? 'unknown', params };
}

const AUTH0_ALGORITHMS: Record<string, PasswordHashInput['algorithm']> = {
  argon2: 'argon2',
  bcrypt: 'bcrypt',
  hmac: 'sha256',
  ldap: 'sha1',
  md4: 'unknown',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha512: 'sha512',
  pbkdf2: 'pbkdf2',
  scrypt: 'scrypt',
};

/** The CSV export: a field Auth0 wrote with its protective `'` prefix is read without it. */
async function readCsv(path: string, sink: SourceSink, stats: CsvStats): Promise<void> {
  const name = basename(path);
  let n = 0;
  for await (const batch of csvRowBatches(path, stats)) {
    for (const row of batch) {
      const ref = `${name}:${row.line}`;
      if (!row.ok) sink.unreadable(ref, row.reason, row.record);
      else {
        const values: Json = {};
        for (const [key, value] of Object.entries(row.values)) setPath(values, key, value.startsWith("'") ? value.slice(1) : value);
        handOverUser(sink, auth0User(values, ref));
      }
      if (++n % 5000 === 0) await sink.checkpoint();
    }
  }
}

/** "user_metadata.plan" columns become nested fields, as in the JSON export. */
function setPath(record: Json, key: string, value: string): void {
  if (value === '') return;
  const parts = key.split('.');
  if (parts.length === 1 || (parts[0] !== 'user_metadata' && parts[0] !== 'app_metadata')) {
    record[key] = value === 'true' ? true : value === 'false' ? false : value;
    return;
  }
  const holder = isObject(record[parts[0]!]) ? (record[parts[0]!] as Json) : (record[parts[0]!] = {});
  holder[parts.slice(1).join('.')] = value;
}

/** Organizations streamed one by one (a tenant may have many, each with many members). */
async function readOrganizations(path: string, sink: SourceSink): Promise<void> {
  const name = basename(path);
  let index = 0;
  let n = 0;
  try {
    for await (const item of jsonItems(readTextChunks(path), { arrayKey: 'organizations', path })) {
      const ref = `${name}[${index++}]`;
      if (!item.ok) {
        sink.organization({ sourceRef: ref, record: { line: item.line }, externalId: undefined });
        continue;
      }
      const org = item.value;
      if (!isObject(org)) {
        sink.organization({ sourceRef: ref, record: org, externalId: undefined });
        continue;
      }
      sink.organization({ sourceRef: ref, record: withoutMembers(org), externalId: org.id, displayName: org.display_name ?? org.name, metadata: entriesOf(org.metadata) });
      for (const member of Array.isArray(org.members) ? org.members : []) {
        const userId = isObject(member) ? pick(member, 'user_id') : undefined;
        if (typeof userId !== 'string') continue;
        sink.membership(userId, { orgExternalId: org.id, orgDisplayName: org.display_name ?? org.name, roles: (member as Json).roles });
      }
      if (++n % 500 === 0) await sink.checkpoint();
    }
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    throw new UserInputError(`cannot read the Auth0 organizations file ${path}: ${(error as Error).message}`);
  }
}

function withoutMembers(org: Json): Json {
  const { members: _members, ...rest } = org;
  return rest;
}
