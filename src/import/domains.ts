import { type DomainSummary } from './domain-summary.js';
import type { OrganizationRecord } from '../package/records.js';
import type { ScalekitManagementApi } from '../scalekit/management-api.js';
import type { RemoteDomain } from '../scalekit/remote.js';
import type { JournalHistory } from './journal-read.js';
import type { JournalWriter } from './journal-write.js';
import type { PackageEntry } from './load-package.js';
import type { ReadCall } from './snapshot.js';
import { runPool } from './pool.js';
import { describeFailure } from './tally.js';

const SAMPLES = 10;

export { domainSummarySchema, type DomainSummary } from './domain-summary.js';

export interface DomainItem {
  /** The organization's record reference in the package (file:line). */
  ref: string;
  orgExternalId: string;
  orgId?: string;
  domain: string;
  remote?: RemoteDomain;
  /** Created by this run. */
  created?: boolean;
}

export function normalizeDomain(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Each package domain beside what its organization holds (one ListDomains per organization that exists). */
export async function readDomains(
  organizations: PackageEntry<OrganizationRecord>[],
  orgIdOf: (externalId: string) => string | undefined,
  api: ScalekitManagementApi,
  read: ReadCall,
  concurrency = 8,
): Promise<DomainItem[]> {
  const withDomains = organizations.filter(({ record }) => record.domains?.length);
  const perOrg: DomainItem[][] = new Array(withDomains.length);
  await runPool(
    withDomains.map((entry, index) => ({ entry, index })),
    {
      concurrency,
      signal: new AbortController().signal,
      skipped: () => undefined,
      work: async ({ entry: { record, ref }, index }) => {
        const names = [...new Set((record.domains ?? []).map(normalizeDomain))];
        const orgId = orgIdOf(record.external_id);
        const remote = orgId ? await read(() => api.listDomains(orgId)) : [];
        perOrg[index] = names.map((domain) => ({ ref, orgExternalId: record.external_id, orgId, domain, remote: remote.find((d) => d.name === domain) }));
      },
    },
  );
  return perOrg.flat();
}

export function summarizeDomains(items: DomainItem[], failures: Map<string, string> = new Map()): DomainSummary {
  const summary: DomainSummary = { total: items.length, organizations: new Set(items.map((i) => i.orgExternalId)).size, create: 0, present: 0, failed: 0, needDnsVerification: 0, verified: 0, samples: [] };
  for (const item of items) {
    const failed = failures.get(`${item.orgExternalId}|${item.domain}`);
    const status = failed ? 'failed' : (item.remote?.status ?? 'PENDING');
    if (failed) summary.failed += 1;
    else if (item.remote && !item.created) summary.present += 1;
    else summary.create += 1;
    if (status === 'VERIFIED' || status === 'AUTO_VERIFIED') summary.verified += 1;
    else if (!failed) summary.needDnsVerification += 1;
    if (summary.samples.length < SAMPLES && status !== 'VERIFIED' && status !== 'AUTO_VERIFIED') {
      summary.samples.push({ org: item.orgExternalId, domain: item.domain, status, ...(failed ? { reason: failed } : {}) });
    }
  }
  return summary;
}

/**
 * Creates the missing domains, unverified, each journaled (intent before the call, then done with its id or
 * failed with the code): a rollback deletes exactly these. A refused domain (a public mail domain, one another
 * organization holds) is reported with its reason and the run goes on.
 */
export async function createMissingDomains(items: DomainItem[], api: ScalekitManagementApi, read: ReadCall, journal: JournalWriter, concurrency = 8): Promise<DomainSummary> {
  const failures = new Map<string, string>();
  // Organizations this run created are not in its snapshot: each is looked up once, by external id.
  const orgIds = new Map<string, Promise<string | undefined>>();
  const orgIdOf = (item: DomainItem) => {
    if (item.orgId) return Promise.resolve(item.orgId);
    if (!orgIds.has(item.orgExternalId)) orgIds.set(item.orgExternalId, read(() => api.getOrganizationByExternalId(item.orgExternalId)).then((org) => org?.id));
    return orgIds.get(item.orgExternalId)!;
  };
  await runPool(
    items.filter((item) => !item.remote),
    {
      concurrency,
      signal: new AbortController().signal,
      skipped: () => undefined,
      work: async (item) => {
        const orgId = await orgIdOf(item);
        if (!orgId) {
          failures.set(`${item.orgExternalId}|${item.domain}`, 'organization not in Scalekit (its import failed)');
          return;
        }
        item.orgId = orgId;
        const op = await journal.intent('domain.create', { org: orgId, orgExternalId: item.orgExternalId, domain: item.domain });
        try {
          item.remote = await api.createDomain(orgId, item.domain);
          item.created = true;
          journal.done(op, item.remote.id);
        } catch (error) {
          const { code, requestId } = describeFailure(error);
          journal.failed(op, code, requestId);
          failures.set(`${item.orgExternalId}|${item.domain}`, `${code}: ${(error as Error).message}`.slice(0, 200));
        }
      },
    },
  );
  await journal.flush();
  return summarizeDomains(items, failures);
}

/** Domains this package's journal created and did not delete since: id -> organization and name. */
export function ownedDomains(history: JournalHistory): Map<string, { org: string; orgExternalId?: string; domain: string }> {
  const owned = new Map<string, { org: string; orgExternalId?: string; domain: string }>();
  for (const op of history.ops) {
    if (op.outcome !== 'done') continue;
    if (op.action === 'domain.create' && op.id) owned.set(op.id, { org: op.target.org!, orgExternalId: op.target.orgExternalId, domain: op.target.domain! });
    if (op.action === 'domain.delete') owned.delete(op.target.domainId!);
  }
  return owned;
}
