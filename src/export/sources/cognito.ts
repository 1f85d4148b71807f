import { handOverUser } from '../normalize/plain-user.js';
import { basename } from 'node:path';
import type { ExportSource, SourceSink } from '../model.js';
import { assertReadableFile } from '../io/text-file.js';
import { eachJsonRecord } from './file-records.js';
import { isObject, parseJsonText } from './records.js';

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
  const attributes = readAttributes(record.Attributes);
  handOverUser(sink, {
    sourceRef: ref,
    record,
    externalId: attributes.sub ?? record.Username,
    email: attributes.email,
    emailVerified: attributes.emailVerified,
    firstName: attributes.givenName,
    lastName: attributes.familyName,
    fullName: attributes.hasGivenOrFamilyName ? undefined : attributes.name,
    status: record.Enabled === false ? 'inactive' : record.UserStatus === 'UNCONFIRMED' ? 'unconfirmed' : undefined,
    // A native user keeps its id over a federated one (UserStatus EXTERNAL_PROVIDER) with the same email.
    mergeRank: record.UserStatus === 'EXTERNAL_PROVIDER' ? 1 : 0,
    linkedIds: linkedIdentities(attributes.identities, record.Username),
    memberships: [],
    metadata: attributes.custom,
  });
}

interface Attributes {
  sub: unknown;
  email: unknown;
  emailVerified: unknown;
  givenName: unknown;
  familyName: unknown;
  hasGivenOrFamilyName: boolean;
  name: unknown;
  identities: unknown;
  /** `custom:` attributes without the prefix, in the order of their first appearance. */
  custom: [string, unknown][];
}

/** A user's attributes by name, in one pass: an attribute named twice keeps its first place and its last value. */
function readAttributes(list: unknown[]): Attributes {
  const out: Attributes = { sub: undefined, email: undefined, emailVerified: undefined, givenName: undefined, familyName: undefined, hasGivenOrFamilyName: false, name: undefined, identities: undefined, custom: [] };
  for (const attribute of list) {
    if (!isObject(attribute) || typeof attribute.Name !== 'string') continue;
    const value = attribute.Value;
    switch (attribute.Name) {
      case 'sub':
        out.sub = value;
        break;
      case 'email':
        out.email = value;
        break;
      case 'email_verified':
        out.emailVerified = value;
        break;
      case 'given_name':
        out.givenName = value;
        out.hasGivenOrFamilyName = true;
        break;
      case 'family_name':
        out.familyName = value;
        out.hasGivenOrFamilyName = true;
        break;
      case 'name':
        out.name = value;
        break;
      case 'identities':
        out.identities = value;
        break;
      default:
        if (attribute.Name.startsWith('custom:')) {
          const key = attribute.Name.slice('custom:'.length);
          const same = out.custom.find((entry) => entry[0] === key);
          if (same) same[1] = value;
          else out.custom.push([key, value]);
        }
    }
  }
  return out;
}
