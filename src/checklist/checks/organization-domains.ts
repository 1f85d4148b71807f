import { errorMessage } from '../../errors.js';
import { readDomains, summarizeDomains } from '../../import/domains.js';
import { openImportPackage } from '../../import/load-package.js';
import { resolvePackageDir } from '../../import/package-dir.js';
import { openSession, authenticate } from '../../import/session.js';
import { SCALEKIT_ENV_VARS } from '../../scalekit/client.js';
import type { AutomaticCheck } from './types.js';

/**
 * "Organization domains verified": every domain the package names is on its organization in Scalekit and
 * verified (DNS TXT record); otherwise says how many are missing and which wait for verification.
 */
export const organizationDomainsCheck: AutomaticCheck = async ({ workspace }) => {
  const missingVars = SCALEKIT_ENV_VARS.filter((name) => !process.env[name]);
  if (missingVars.length) return { ok: false, detail: `cannot read the domains: ${missingVars.join(', ')} not set in the server's environment` };
  try {
    const dir = await resolvePackageDir(workspace, undefined, true);
    const pkg = await openImportPackage(dir);
    if (!pkg.organizations.some((entry) => entry.record.domains?.length)) return { ok: false, detail: `the package ${dir} names no organization domains: add the SSO customers' domains (export or the dashboard)` };
    const session = openSession({ rate: 50 });
    await authenticate(session);
    const orgIds = new Map<string, string>();
    for (const { record } of pkg.organizations) {
      if (!record.domains?.length) continue;
      const org = await session.read(() => session.api.getOrganizationByExternalId(record.external_id));
      if (org) orgIds.set(record.external_id, org.id);
    }
    const items = await readDomains(pkg.organizations, (externalId) => orgIds.get(externalId), session.api, session.read);
    const summary = summarizeDomains(items);
    const absent = items.filter((item) => !item.remote);
    const detail = `${summary.total - absent.length} of ${summary.total} domains present in ${summary.organizations} organizations, ${summary.verified} verified, ${summary.needDnsVerification - absent.length} waiting for DNS verification`;
    if (absent.length) return { ok: false, detail: `${detail}; missing: ${absent.slice(0, 3).map((i) => `${i.domain} (${i.orgExternalId})`).join(', ')}` };
    if (summary.verified < summary.total) {
      const pending = items.filter((i) => i.remote && i.remote.status !== 'VERIFIED' && i.remote.status !== 'AUTO_VERIFIED');
      return { ok: false, detail: `${detail}: ${pending.slice(0, 3).map((i) => `${i.domain} ${i.remote!.status}`).join(', ')}` };
    }
    return { ok: true, detail };
  } catch (error) {
    return { ok: false, detail: `cannot read the domains: ${errorMessage(error)}` };
  }
};
