import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticPackage, writeTestPackage } from '../../test/helpers/test-package.js';

/** User n of a large package: in organization n % organizations, admin or member by parity. */
export function largePackageUser(prefix: string, n: number, organizations: number) {
  return {
    external_id: `${prefix}-user-${n}`,
    email: `${prefix}.user${n}@example.com`,
    first_name: `First${n}`,
    last_name: `Last${n}`,
    email_verified: true,
    memberships: [{ org_external_id: `${prefix}-org-${n % organizations}`, roles: [n % 2 ? 'member' : 'admin'] }],
    metadata: { legacy_id: String(n) },
  };
}

/** Writes a synthetic package of any size without holding it in memory: users are generated and written in slices. */
export async function largePackage(dir: string, users: number, organizations: number, prefix: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeTestPackage(dir, syntheticPackage({ organizations, users: 0, prefix }));
  const hash = createHash('sha256');
  let bytes = 0;
  const out = createWriteStream(join(dir, 'users.ndjson'), { mode: 0o600 });
  for (let from = 0; from < users; from += 10_000) {
    let text = '';
    for (let n = from; n < Math.min(users, from + 10_000); n += 1) text += JSON.stringify(largePackageUser(prefix, n, organizations)) + '\n';
    hash.update(text);
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.files['users.ndjson'] = { sha256: hash.digest('hex'), bytes, records: users };
  Object.assign(manifest.counts, { users, inputRecords: users, memberships: users });
  manifest.passwordHashes.byAlgorithm = { none: users };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2), { mode: 0o600 });
}
