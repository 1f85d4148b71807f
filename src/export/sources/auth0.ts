import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UserInputError } from '../../errors.js';
import type { ExportSource, SourceSink } from '../model.js';
import { assertReadableFile } from '../io/text-file.js';
import { eachJsonRecord, startsWithArray } from './file-records.js';
import { entriesOf, isObject, type Json } from './records.js';

/**
 * Auth0: the output of a user export job (POST /api/v2/jobs/users-exports, format "json"), which
 * is NDJSON, often gzipped; a JSON array (the file converted with jq) is read too. Auth0's user
 * export has no organizations: they come from `organizationsFile`, the organizations of the
 * Management API each with its members and their roles. Auth0 exports never hold password hashes.
 */
export function auth0Source(path: string, organizationsPath: string | undefined): ExportSource {
  assertReadableFile(path);
  return {
    kind: 'auth0',
    ref: basename(path),
    async read(sink) {
      if (organizationsPath) readOrganizations(organizationsPath, sink);
      const ndjson = !(await startsWithArray(path));
      await eachJsonRecord(path, sink, { ndjson }, (record, ref) => {
        if (!isObject(record)) return sink.unreadable(ref, 'record is not an object', record);
        const userId = record.user_id;
        sink.user({
          sourceRef: ref,
          record,
          externalId: userId,
          email: record.email,
          emailVerified: record.email_verified,
          firstName: record.given_name,
          lastName: record.family_name,
          fullName: record.given_name === undefined && record.family_name === undefined ? record.name : undefined,
          disabled: record.blocked === true,
          memberships: [],
          metadata: [...entriesOf(record.user_metadata), ...entriesOf(record.app_metadata)],
          membershipKeys: typeof userId === 'string' ? [userId] : [],
        });
      });
    },
  };
}

function readOrganizations(path: string, sink: SourceSink): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserInputError(`cannot read the Auth0 organizations file ${path}: ${(error as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : isObject(parsed) && Array.isArray(parsed.organizations) ? parsed.organizations : undefined;
  if (!list) throw new UserInputError(`${path}: expected a JSON array of organizations (or { "organizations": [...] })`);
  const name = basename(path);
  list.forEach((org: unknown, i: number) => {
    const ref = `${name}[${i}]`;
    if (!isObject(org)) return sink.organization({ sourceRef: ref, record: org, externalId: undefined });
    sink.organization({ sourceRef: ref, record: withoutMembers(org), externalId: org.id, displayName: org.display_name ?? org.name, metadata: entriesOf(org.metadata) });
    for (const member of Array.isArray(org.members) ? org.members : []) {
      if (!isObject(member) || typeof member.user_id !== 'string') continue;
      sink.membership(member.user_id, { orgExternalId: org.id, orgDisplayName: org.display_name ?? org.name, roles: member.roles });
    }
  });
}

function withoutMembers(org: Json): Json {
  const { members: _members, ...rest } = org;
  return rest;
}
