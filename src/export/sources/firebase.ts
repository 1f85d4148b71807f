import { handOverUser } from '../normalize/plain-user.js';
import { basename } from 'node:path';
import type { ExportSource } from '../model.js';
import { assertReadableFile } from '../io/text-file.js';
import { eachJsonRecord } from './file-records.js';
import { entriesOf, isObject, parseJsonText } from './records.js';

/** The project's password hash parameters (Firebase console, Authentication > Users > Password hash parameters). */
export interface FirebaseHashConfig {
  hashKey?: string;
  saltSeparator?: string;
  rounds?: number;
  memCost?: number;
}

/**
 * Firebase: `firebase auth:export users.json --format=json`, a { "users": [...] } document streamed
 * record by record. Hashes are Firebase's modified scrypt: each user's passwordHash and salt plus the
 * project-wide parameters, which the export does not contain and the caller passes in. Providers linked to an
 * account (`providerUserInfo`) go to its merged_ids as `<providerId>|<rawId>`.
 */
export function firebaseSource(path: string, config: FirebaseHashConfig): ExportSource {
  assertReadableFile(path);
  const projectParams = {
    ...(config.hashKey ? { signer_key: config.hashKey } : {}),
    ...(config.saltSeparator !== undefined ? { salt_separator: config.saltSeparator } : {}),
    ...(config.rounds ? { rounds: config.rounds } : {}),
    ...(config.memCost ? { mem_cost: config.memCost } : {}),
  };
  return {
    kind: 'firebase',
    ref: basename(path),
    async read(sink) {
      await eachJsonRecord(path, sink, { arrayKey: 'users' }, (record, ref) => {
        if (!isObject(record)) return sink.unreadable(ref, 'record is not an object', record);
        const hash = typeof record.passwordHash === 'string' && record.passwordHash !== '' ? record.passwordHash : undefined;
        handOverUser(sink, {
          sourceRef: ref,
          record,
          externalId: record.localId,
          email: record.email,
          emailVerified: record.emailVerified,
          fullName: record.displayName,
          status: record.disabled === true ? 'inactive' : undefined,
          // An email/password account keeps its id over a provider-only one with the same email.
          mergeRank: hash ? 0 : 1,
          linkedIds: linkedProviders(record.providerUserInfo),
          memberships: [],
          metadata: entriesOf(parseJsonText(record.customAttributes)),
          passwordHash: hash ? { value: hash, algorithm: 'firebase-scrypt', params: { salt: record.salt, ...projectParams } } : undefined,
        });
      });
    },
  };
}

/**
 * Sign-in providers linked to an account, as `<providerId>|<rawId>` (`google.com|1047...`). The `password` entry's
 * rawId is the account's own address and `phone`'s a phone number: neither is another identity's id.
 */
function linkedProviders(providers: unknown): string[] {
  const ids: string[] = [];
  if (!Array.isArray(providers)) return ids;
  for (const provider of providers) {
    if (
      isObject(provider) && typeof provider.providerId === 'string' && provider.providerId !== 'password' && provider.providerId !== 'phone' &&
      (typeof provider.rawId === 'string' || typeof provider.rawId === 'number') && provider.rawId !== ''
    ) {
      ids.push(`${provider.providerId}|${provider.rawId}`);
    }
  }
  return ids;
}
