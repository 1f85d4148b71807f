import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { ScalekitConnection } from '../scalekit/client.js';
import type { RemoteUser } from '../scalekit/remote.js';
import { keptValue, metadataDiffers, optionalDiffers, rolesDiffer, sameEmail, sameSet } from './compare.js';
import { PACKAGE_FILES } from '../package/layout.js';
import { readJournal } from './journal-read.js';
import { openImportPackage, type StreamedImportPackage } from './load-package.js';
import { refuseWhileWriting } from './package-lock.js';
import { listingProgress, type ProgressListener } from './progress.js';
import { saveRunSummary } from './run-summary.js';
import { authenticate, openSession } from './session.js';
import { domainSummarySchema } from './domain-summary.js';
import { readDomains, summarizeDomains } from './domains.js';
import { takeSnapshot, type Snapshot } from './snapshot.js';
import { withWorkDb } from './work-db.js';
import { EMAIL_POLICIES, isActive, LEGACY_STATUS_KEY, type EmailPolicy, type PlanDecisions } from './plan.js';

export const MISMATCH_KINDS = [
  'role.missing',
  'role.display_name',
  'role.description',
  'role.permissions',
  'organization.missing',
  'organization.display_name',
  'organization.metadata',
  'organization.domain',
  'user.missing',
  'user.email',
  'user.first_name',
  'user.last_name',
  'user.email_verified',
  'user.metadata',
  'membership.missing',
  'membership.roles',
  'membership.status',
  'membership.invitation_sent',
] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

/** One difference. Values are shown only where they are not personal data (roles, status, flags, metadata keys). */
const mismatchSchema = z.object({
  kind: z.enum(MISMATCH_KINDS),
  ref: z.string(),
  key: z.string(),
  scalekitId: z.string().optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
});
export type Mismatch = z.infer<typeof mismatchSchema>;

export const VERIFY_SAMPLE_LIMIT = 20;
export const VERIFY_REPORT_FILE = 'verify.ndjson';

export const verifyResultSchema = z.object({
  ok: z.boolean(),
  packageDir: z.string(),
  packageDigest: z.string(),
  environment: z.string(),
  checked: z.object({ roles: z.number().int(), organizations: z.number().int(), users: z.number().int(), memberships: z.number().int() }),
  mismatches: z.object({
    total: z.number().int(),
    byKind: z.record(z.string(), z.number().int()),
    samples: z.array(mismatchSchema),
  }),
  /** What the comparison expected of unverified and non-active users: the import's choices. */
  decisions: z.object({ emailPolicy: z.enum(EMAIL_POLICIES).optional(), includeInactive: z.boolean() }),
  notes: z.object({
    /** Memberships imported users hold in organizations the package does not name for them; never removed by the import. */
    extraMemberships: z.number().int(),
    /** Users left out on purpose (status not active, unverified under `skip`), not compared. */
    skipped: z.number().int(),
    /** Fields empty in the package that Scalekit holds a value for (names, role descriptions): kept by the import, not mismatches. */
    emptyFieldsKept: z.number().int(),
  }),
  /** Every mismatch, one per line, beside the package (absent when there are none). */
  report: z.string().optional(),
  /** The package's organization domains in Scalekit and their verification state (absent when the package names none). */
  domains: domainSummarySchema.optional(),
  next: z.string(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export interface VerifyOptions {
  packageDir: string;
  /** The email policy the import used (default: the one its journal recorded). */
  emailPolicy?: EmailPolicy;
  /** Whether the import included non-active users (default: as its journal recorded). */
  includeInactive?: boolean;
  /** Users compared at once (default 2,000). */
  userChunkSize?: number;
  connection?: ScalekitConnection;
  rate?: number;
  progress?: ProgressListener;
}

/** Reads the environment and compares it with the package field by field, by external_id. Writes nothing to Scalekit. */
export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  // Read-only: no lock (verifies may run side by side), but not while an import or a rollback is writing.
  await refuseWhileWriting(options.packageDir, 'verify');
  return verifyPackage(options);
}

async function verifyPackage(options: VerifyOptions): Promise<VerifyResult> {
  const pkg = await openImportPackage(options.packageDir, options.userChunkSize);
  const session = openSession({ connection: options.connection, rate: options.rate });
  await authenticate(session);
  options.progress?.({ kind: 'phase', phase: 'snapshot' });
  // The environment's users go to a scratch index on disk beside the package, removed once compared.
  const { snapshot, mismatches, extraMemberships, skipped, emptyFieldsKept, decisions } = await withWorkDb(pkg.dir, async (work) => {
    const snapshot = await takeSnapshot(session.api, session.read, work, listingProgress(options.progress));
    options.progress?.({ kind: 'phase', phase: 'verify' });
    const decisions = await importDecisions(pkg.dir, options);
    return { snapshot, decisions, ...(await compareWithPackage(pkg, snapshot, decisions)) };
  });
  const domainItems = await readDomains(pkg.organizations, (externalId) => snapshot.organizationsByExternalId.get(externalId)?.id, session.api, session.read);
  for (const item of domainItems) {
    if (!item.remote) mismatches.push({ kind: 'organization.domain', ref: item.ref, key: item.orgExternalId, ...(item.orgId ? { scalekitId: item.orgId } : {}), expected: item.domain, actual: 'missing' });
  }
  const reportPath = join(pkg.dir, VERIFY_REPORT_FILE);
  // The report is a convenience: a package folder that cannot be written to does not stop verification.
  const reported = await (mismatches.length
    ? writeFileAtomic(reportPath, mismatches.map((mismatch) => JSON.stringify(mismatch) + '\n').join(''))
    : rm(reportPath, { force: true })
  ).then(
    () => true,
    (error: Error) => {
      options.progress?.({ kind: 'log', level: 'warning', message: `could not write ${reportPath}: ${error.message}` });
      return false;
    },
  );
  const byKind: Record<string, number> = {};
  for (const mismatch of mismatches) byKind[mismatch.kind] = (byKind[mismatch.kind] ?? 0) + 1;
  const ok = mismatches.length === 0;
  const result: VerifyResult = {
    ok,
    packageDir: pkg.dir,
    packageDigest: pkg.digest,
    environment: session.environment,
    checked: {
      roles: pkg.roles.length,
      organizations: pkg.organizations.length,
      users: pkg.users.count,
      memberships: pkg.users.memberships,
    },
    mismatches: { total: mismatches.length, byKind, samples: mismatches.slice(0, VERIFY_SAMPLE_LIMIT) },
    decisions: { ...(decisions.emailPolicy ? { emailPolicy: decisions.emailPolicy } : {}), includeInactive: decisions.includeInactive ?? false },
    notes: { extraMemberships, skipped, emptyFieldsKept },
    ...(domainItems.length ? { domains: summarizeDomains(domainItems) } : {}),
    ...(ok || !reported ? {} : { report: reportPath }),
    next: ok
      ? 'Every record is in Scalekit as the package says; continue with the redirects and roles phase.'
      : 'Stop: report the mismatch kinds and counts to the user; most are repaired by applying the import again, then verify again.',
  };
  await saveRunSummary(pkg.dir, 'verify', { result }, options.progress);
  return result;
}

/** Every difference between the package and the snapshot; the package's users are read from disk a chunk at a time. */
export async function compareWithPackage(
  pkg: StreamedImportPackage,
  snapshot: Snapshot,
  decisions: PlanDecisions = {},
): Promise<{ mismatches: Mismatch[]; extraMemberships: number; skipped: number; emptyFieldsKept: number }> {
  let skipped = 0;
  let emptyFieldsKept = 0;
  const mismatches: Mismatch[] = [];
  const add = (mismatch: Mismatch) => mismatches.push(mismatch);
  for (const { ref, record } of pkg.roles) {
    const remote = snapshot.roles.get(record.name);
    const key = record.name;
    if (!remote) {
      add({ kind: 'role.missing', ref, key });
      continue;
    }
    if (optionalDiffers(record.display_name, remote.displayName)) add({ kind: 'role.display_name', ref, key, scalekitId: remote.id });
    if (optionalDiffers(record.description, remote.description)) add({ kind: 'role.description', ref, key, scalekitId: remote.id });
    if (keptValue(record.description, remote.description)) emptyFieldsKept += 1;
    if (record.permissions && !sameSet(record.permissions, remote.permissions)) {
      add({ kind: 'role.permissions', ref, key, scalekitId: remote.id, expected: sorted(record.permissions), actual: sorted(remote.permissions) });
    }
  }
  for (const { ref, record } of pkg.organizations) {
    const remote = snapshot.organizationsByExternalId.get(record.external_id);
    const key = record.external_id;
    if (!remote) {
      add({ kind: 'organization.missing', ref, key });
      continue;
    }
    if (record.display_name !== remote.displayName) add({ kind: 'organization.display_name', ref, key, scalekitId: remote.id });
    if (metadataDiffers(record.metadata, remote.metadata)) {
      add({ kind: 'organization.metadata', ref, key, scalekitId: remote.id, expected: differingKeys(record.metadata!, remote.metadata) });
    }
  }
  let extraMemberships = 0;
  for await (const chunk of pkg.users.chunks()) {
    for (const { ref, record } of chunk) {
      const remote = snapshot.usersByExternalId.get(record.external_id);
      const key = record.external_id;
      // Left out on purpose: a non-active user, or an unverified one under `skip` that Scalekit does not hold.
      if ((!isActive(record) && !decisions.includeInactive) || (!remote && !record.email_verified && decisions.emailPolicy === 'skip')) {
        skipped += 1;
        continue;
      }
      const expectedMetadata = isActive(record) ? record.metadata : { ...record.metadata, [LEGACY_STATUS_KEY]: record.status! };
      // An unverified email imported under `invite` is unverified until the person accepts; under `verified` Scalekit holds it verified.
      const emailPolicy = record.email_verified ? undefined : decisions.emailPolicy;
      if (!remote) {
        add({ kind: 'user.missing', ref, key });
        for (const membership of record.memberships) add({ kind: 'membership.missing', ref, key: `${key}@${membership.org_external_id}` });
        continue;
      }
      const scalekitId = remote.id;
      if (!sameEmail(record.email, remote.email)) add({ kind: 'user.email', ref, key, scalekitId });
      if (optionalDiffers(record.first_name, remote.givenName)) add({ kind: 'user.first_name', ref, key, scalekitId });
      if (optionalDiffers(record.last_name, remote.familyName)) add({ kind: 'user.last_name', ref, key, scalekitId });
      emptyFieldsKept += Number(keptValue(record.first_name, remote.givenName)) + Number(keptValue(record.last_name, remote.familyName));
      if (record.email_verified !== remote.emailVerified && emailPolicy !== 'invite' && emailPolicy !== 'verified') {
        add({ kind: 'user.email_verified', ref, key, scalekitId, expected: String(record.email_verified), actual: String(remote.emailVerified) });
      }
      if (metadataDiffers(expectedMetadata, remote.metadata)) {
        add({ kind: 'user.metadata', ref, key, scalekitId, expected: differingKeys(expectedMetadata!, remote.metadata) });
      }
      extraMemberships += compareMemberships(ref, record.memberships, remote, snapshot, add, emailPolicy === 'invite');
    }
  }
  return { mismatches, extraMemberships, skipped, emptyFieldsKept };
}

function compareMemberships(
  ref: string,
  memberships: Array<{ org_external_id: string; roles: string[] }>,
  user: RemoteUser,
  snapshot: Snapshot,
  add: (mismatch: Mismatch) => void,
  /** The user was imported with invitations: a pending invitation is what the import did. */
  invited = false,
): number {
  const expectedOrganizations = new Set<string>();
  for (const membership of memberships) {
    const key = `${user.externalId}@${membership.org_external_id}`;
    const organization = snapshot.organizationsByExternalId.get(membership.org_external_id);
    const remote = organization && user.memberships.find((candidate) => candidate.organizationId === organization.id);
    if (organization) expectedOrganizations.add(organization.id);
    if (!remote) {
      add({ kind: 'membership.missing', ref, key, scalekitId: user.id });
      continue;
    }
    if (rolesDiffer(membership.roles, remote.roles)) {
      add({ kind: 'membership.roles', ref, key, scalekitId: user.id, expected: sorted(membership.roles), actual: sorted(remote.roles) });
    }
    if (invited) {
      if (remote.status !== 'ACTIVE' && remote.status !== 'PENDING_INVITE') {
        add({ kind: 'membership.status', ref, key, scalekitId: user.id, expected: 'PENDING_INVITE or ACTIVE', actual: remote.status });
      }
      continue;
    }
    if (remote.status !== 'ACTIVE') add({ kind: 'membership.status', ref, key, scalekitId: user.id, expected: 'ACTIVE', actual: remote.status });
    if (remote.invited) add({ kind: 'membership.invitation_sent', ref, key, scalekitId: user.id });
  }
  return user.memberships.filter((membership) => !expectedOrganizations.has(membership.organizationId)).length;
}

function sorted(values: string[]): string {
  return [...values].sort().join(',');
}

/** The metadata keys whose values differ (keys only: values may be personal data). */
function differingKeys(wanted: Record<string, string>, actual: Record<string, string>): string {
  return Object.keys(wanted)
    .filter((key) => actual[key] !== wanted[key])
    .sort()
    .join(',');
}

/** The choices the import ran with: as given, else as the package's journal recorded them. */
async function importDecisions(dir: string, options: VerifyOptions): Promise<PlanDecisions> {
  // Only the recorded decisions are needed: no call is kept in memory.
  const recorded = (await readJournal(join(dir, PACKAGE_FILES.journal), { keep: () => false })).decisions ?? {};
  return { emailPolicy: options.emailPolicy ?? recorded.emailPolicy, includeInactive: options.includeInactive ?? recorded.includeInactive ?? false };
}
