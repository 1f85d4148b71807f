import { handOverUser } from '../normalize/plain-user.js';
import { basename } from 'node:path';
import type { ExportSource } from '../model.js';
import type { PasswordHashAlgorithm } from '../normalize/password-hash.js';
import { csvRowBatches } from '../io/csv-rows.js';
import { assertReadableFile } from '../io/text-file.js';

/**
 * Clerk: the CSV of Settings > User exports in the Clerk dashboard (id, first_name, last_name,
 * username, primary_email_address, verified_email_addresses, ..., password_digest, password_hasher).
 * The primary address is verified when it is among the verified addresses. The CSV has no organizations.
 */
export function clerkSource(path: string): ExportSource {
  assertReadableFile(path);
  const name = basename(path);
  const stats = { records: 0, commentLines: 0 };
  return {
    kind: 'clerk',
    ref: name,
    recordsRead: () => stats.records,
    async read(sink) {
      let n = 0;
      for await (const batch of csvRowBatches(path, stats)) {
        for (const row of batch) {
          const ref = `${name}:${row.line}`;
          if (++n % 5000 === 0) await sink.checkpoint();
          if (!row.ok) {
            sink.unreadable(ref, row.reason, row.record);
            continue;
          }
          const values = row.values;
          const primary = values.primary_email_address?.trim() ?? '';
          const verified = splitAddresses(values.verified_email_addresses).map((address) => address.toLowerCase());
          const digest = values.password_digest?.trim();
          handOverUser(sink, {
            sourceRef: ref,
            record: values,
            externalId: values.id,
            email: primary,
            emailVerified: primary !== '' && verified.includes(primary.toLowerCase()),
            firstName: values.first_name,
            lastName: values.last_name,
            memberships: [],
            passwordHash: digest ? { value: digest, algorithm: clerkHasher(values.password_hasher), params: values.password_hasher ? { clerk_hasher: values.password_hasher } : undefined } : undefined,
          });
        }
      }
    },
  };
}

function splitAddresses(value: string | undefined): string[] {
  return (value ?? '').split(/[|,;\s]+/).filter(Boolean);
}

/** Clerk's password_hasher names mapped to the package's algorithms. */
function clerkHasher(hasher: string | undefined): PasswordHashAlgorithm | undefined {
  const name = (hasher ?? '').toLowerCase();
  if (name === '') return undefined;
  if (name.includes('bcrypt')) return 'bcrypt';
  if (name.includes('argon2')) return 'argon2';
  if (name.includes('pbkdf2')) return 'pbkdf2';
  if (name.includes('scrypt_firebase')) return 'firebase-scrypt';
  if (name.includes('scrypt')) return 'scrypt';
  if (name.includes('phpass')) return 'phpass';
  if (name.includes('sha512')) return 'sha512';
  if (name.includes('sha256')) return 'sha256';
  if (name.includes('sha1')) return 'sha1';
  if (name.includes('md5')) return 'md5';
  return 'unknown';
}
