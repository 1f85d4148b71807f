import { basename } from 'node:path';
import type { ExportSource, SourceSink } from '../model.js';
import { assertReadableFile } from '../io/text-file.js';
import { eachJsonRecord } from './file-records.js';
import { isObject, parseJsonText, type Json } from './records.js';

/**
 * Cognito: saved `ListUsers` responses ({ "Users": [...], "PaginationToken": ... }), one after
 * another or as an array of pages, e.g. from `aws cognito-idp list-users` in a loop. The user's
 * `sub` is the external id; `custom:` attributes become metadata. Cognito never exports hashes.
 * Disabled users are `inactive`, UNCONFIRMED ones `unconfirmed`. Identities linked to a user (its
 * `identities` attribute) are kept in its merged_ids as `<providerName>_<userId>`. Merge rule (same email): the native
 * user keeps its id over linked federated users (EXTERNAL_PROVIDER), then the verified one, then the first listed.
 */
export function cognitoSource(path: string): ExportSource {
  assertReadableFile(path);
  return {
    kind: 'cognito',
    ref: basename(path),
    async read(sink) {
      await eachJsonRecord(path, sink, { arrayKey: 'Users' }, (record, ref) => {
        if (isObject(record) && Array.isArray(record.Users)) {
          record.Users.forEach((user: unknown, i: number) => takeUser(user, `${ref} Users[${i}]`, sink));
        } else takeUser(record, ref, sink);
      });
    },
  };
}

/**
 * Federated identities linked to a user (AdminLinkProviderForUser), from the `identities` attribute's JSON, named
 * as Cognito names federated users (`<providerName>_<userId>`); the user's own username is not repeated.
 */
function linkedIdentities(identities: unknown, username: unknown): string[] {
  const ids: string[] = [];
  const list = parseJsonText(identities);
  if (!Array.isArray(list)) return ids;
  for (const identity of list) {
    if (!isObject(identity) || typeof identity.providerName !== 'string' || (typeof identity.userId !== 'string' && typeof identity.userId !== 'number')) continue;
    const id = `${identity.providerName}_${identity.userId}`;
    if (id !== username) ids.push(id);
  }
  return ids;
}

function takeUser(record: unknown, ref: string, sink: SourceSink): void {
  if (!isObject(record) || !Array.isArray(record.Attributes)) return sink.unreadable(ref, 'not a Cognito user (no Attributes)', record);
  const attributes = new Map<string, unknown>();
  for (const attribute of record.Attributes as Json[]) if (isObject(attribute) && typeof attribute.Name === 'string') attributes.set(attribute.Name, attribute.Value);
  const metadata: [string, unknown][] = [];
  for (const [name, value] of attributes) if (name.startsWith('custom:')) metadata.push([name.slice('custom:'.length), value]);
  sink.user({
    sourceRef: ref,
    record,
    externalId: attributes.get('sub') ?? record.Username,
    email: attributes.get('email'),
    emailVerified: attributes.get('email_verified'),
    firstName: attributes.get('given_name'),
    lastName: attributes.get('family_name'),
    fullName: attributes.has('given_name') || attributes.has('family_name') ? undefined : attributes.get('name'),
    status: record.Enabled === false ? 'inactive' : record.UserStatus === 'UNCONFIRMED' ? 'unconfirmed' : undefined,
    // A native user keeps its id over a federated one (UserStatus EXTERNAL_PROVIDER) with the same email.
    mergeRank: record.UserStatus === 'EXTERNAL_PROVIDER' ? 1 : 0,
    linkedIds: linkedIdentities(attributes.get('identities'), record.Username),
    memberships: [],
    metadata,
  });
}
