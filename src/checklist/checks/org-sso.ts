import { errorMessage } from '../../errors.js';
import { organizationRecordSchema, type OrganizationRecord } from '../../package/records.js';
import { isCheckResult, listSome, PACKAGE, packageRecords, scalekitAccess, type ScalekitAccess } from './scalekit-access.js';
import type { AutomaticCheck, CheckResult } from './types.js';

type Inspect = (access: ScalekitAccess, organizationId: string) => Promise<string | undefined>;

/**
 * One go-live check over the package's organizations that need something in Scalekit (SSO, SCIM):
 * each is looked up by external_id and `inspect` says what is wrong with it, if anything.
 */
async function perOrganization(workspace: string, needs: (org: OrganizationRecord) => boolean, what: string, inspect: Inspect): Promise<CheckResult> {
  const access = await scalekitAccess(workspace);
  if (isCheckResult(access)) return access;
  const organizations = (await packageRecords(access.packageDir, PACKAGE.organizations, organizationRecordSchema)).filter(needs);
  if (!organizations.length) return { ok: true, detail: `no organization in the package had ${what} in the legacy system: nothing to set up` };
  const problems: string[] = [];
  for (const org of organizations) {
    try {
      const found = (await access.sdk.organization.getOrganizationByExternalId(org.external_id)).organization;
      const problem = found ? await inspect(access, found.id) : 'not in Scalekit (import first)';
      if (problem) problems.push(`${org.external_id}: ${problem}`);
    } catch (error) {
      problems.push(`${org.external_id}: ${/not found/i.test(errorMessage(error)) ? 'not in Scalekit (import first)' : errorMessage(error)}`);
    }
  }
  if (problems.length) return { ok: false, detail: `${problems.length} of ${organizations.length} organization(s) with ${what} not ready: ${listSome(problems)}` };
  return { ok: true, detail: `all ${organizations.length} organization(s) with ${what} in the legacy system are set up in Scalekit` };
}

/** Item `sso-readiness.connections`: each organization with legacy SSO has a configured, enabled connection. */
export const organizationSsoCheck: AutomaticCheck = ({ workspace }) =>
  perOrganization(workspace, (org) => org.sso !== undefined, 'SSO', async ({ sdk }, organizationId) => {
    const connections = (await sdk.connection.listConnections(organizationId)).connections;
    if (!connections.length) return 'no SSO connection (create it in the admin portal)';
    if (connections.some((c) => c.enabled)) return undefined;
    return `${connections.length} connection(s), none enabled (${connections.map((c) => c.id).join(', ')})`;
  });

/** Item `scim-readiness.directories`: each organization provisioned by SCIM has an enabled directory. */
export const organizationScimCheck: AutomaticCheck = ({ workspace }) =>
  perOrganization(workspace, (org) => org.scim !== undefined, 'SCIM provisioning', async ({ sdk }, organizationId) => {
    const directories = (await sdk.directory.listDirectories(organizationId)).directories;
    if (!directories.length) return 'no directory';
    if (directories.some((d) => d.enabled)) return undefined;
    return `${directories.length} directory(ies), none enabled (${directories.map((d) => d.id).join(', ')})`;
  });
