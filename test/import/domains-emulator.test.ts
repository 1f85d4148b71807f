import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.js';
import { renderImportResult, renderVerifyResult } from '../../src/import/render.js';
import { runRollback } from '../../src/import/rollback.js';
import { runVerify } from '../../src/import/verify.js';
import { sdkFor, testEmulator } from '../helpers/emulator.js';
import { writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

const FAST = { rate: 5000, concurrency: 8 };

function packageWithDomains(domainsOfNew: string[]): string {
  const dir = tempDir();
  writeTestPackage(dir, {
    organizations: [
      { external_id: 'o-pre', display_name: 'Pre Co', domains: ['pre.test', 'Pre-Two.test.'] },
      { external_id: 'o-new', display_name: 'New Co', domains: domainsOfNew },
      { external_id: 'o-none', display_name: 'No Domains Co' },
    ],
    users: [{ external_id: 'u-1', email: 'one@pre.test', email_verified: true, memberships: [{ org_external_id: 'o-new', roles: [] }] }],
  });
  return dir;
}

const domainNames = (state: { domains?: Array<{ domain: string; organization_id: string; verification_status: string }> }) =>
  (state.domains ?? []).map((d) => `${d.domain}:${d.verification_status}`).sort();

describe('organization domains through import, verify and rollback (emulator, real SDK)', () => {
  it('plans which need DNS verification, creates them unverified, verifies them field by field, and rolls back only what it created', async () => {
    const { emulator, connection } = await testEmulator({ seed: { organizations: [{ id: 'org_pre', external_id: 'o-pre', display_name: 'Pre Co' }] } });
    // The pre-existing organization already holds one of its domains, verified: the import leaves it.
    const sk = sdkFor(emulator);
    await sk.domain.createDomain('org_pre', 'pre.test', { domainType: 'ORGANIZATION_DOMAIN' });
    emulator.publishTxtRecord('pre.test');
    const preDomain = (await sk.domain.listDomains('org_pre')).domains[0]!;
    await fetch(`${emulator.url}/api/v1/organizations/org_pre/domains/${preDomain.id}:verify`, { method: 'PATCH', headers: { authorization: `Bearer ${await token(emulator)}` }, body: '{}' });
    const dir = packageWithDomains(['new.test', 'new-eu.test']);

    const plan = await runImport({ packageDir: dir, apply: false, connection, ...FAST });
    expect(plan.domains).toMatchObject({ total: 4, organizations: 2, create: 3, present: 1, verified: 1, needDnsVerification: 3, failed: 0 });
    expect(renderImportResult(plan)).toContain('Organization domains: 4 in 2 organization(s): 3 to create (unverified), 1 present');
    expect(domainNames(emulator.state())).toEqual(['pre.test:VERIFIED']);

    const applied = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(applied.domains).toMatchObject({ create: 3, present: 1, failed: 0, needDnsVerification: 3 });
    expect(domainNames(emulator.state())).toEqual(['new-eu.test:PENDING', 'new.test:PENDING', 'pre-two.test:PENDING', 'pre.test:VERIFIED']);
    const again = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(again.domains).toMatchObject({ create: 0, present: 4 });
    expect(emulator.state().domains).toHaveLength(4);

    const verified = await runVerify({ packageDir: dir, connection, rate: 5000 });
    expect(verified.ok).toBe(true);
    expect(verified.domains).toMatchObject({ total: 4, present: 4, verified: 1, needDnsVerification: 3 });
    expect(renderVerifyResult(verified)).toContain('Organization domains: 4 of 4 present, 1 verified, 3 waiting for DNS verification');

    // A domain removed behind the import's back is a mismatch naming the organization.
    const newOrg = (await sk.organization.getOrganizationByExternalId('o-new')).organization!;
    const eu = (await sk.domain.listDomains(newOrg.id)).domains.find((d) => d.domain === 'new-eu.test')!;
    await sk.domain.deleteDomain(newOrg.id, eu.id);
    const broken = await runVerify({ packageDir: dir, connection, rate: 5000 });
    expect(broken.ok).toBe(false);
    expect(broken.mismatches.samples).toContainEqual(expect.objectContaining({ kind: 'organization.domain', key: 'o-new', expected: 'new-eu.test', actual: 'missing' }));

    const rollbackPlan = await runRollback({ packageDir: dir, apply: false, connection, ...FAST });
    expect(rollbackPlan.counts.domains).toMatchObject({ delete: 2, alreadyGone: 1 });
    const rolledBack = await runRollback({ packageDir: dir, apply: true, connection, ...FAST });
    expect(rolledBack.complete).toBe(true);
    expect(domainNames(emulator.state())).toEqual(['pre.test:VERIFIED']);
  });

  it('reports a domain Scalekit refuses (a public mail domain) with its reason and imports the rest', async () => {
    const { emulator, connection } = await testEmulator({ seed: { organizations: [{ id: 'org_pre', external_id: 'o-pre', display_name: 'Pre Co' }] } });
    const dir = packageWithDomains(['gmail.com', 'new.test']);
    const applied = await runImport({ packageDir: dir, apply: true, connection, ...FAST });
    expect(applied.domains).toMatchObject({ create: 3, failed: 1 });
    expect(applied.domains?.samples).toContainEqual(expect.objectContaining({ org: 'o-new', domain: 'gmail.com', status: 'failed', reason: expect.stringContaining('public or disposable') }));
    expect(domainNames(emulator.state())).toEqual(['new.test:PENDING', 'pre-two.test:PENDING', 'pre.test:PENDING']);
    const verified = await runVerify({ packageDir: dir, connection, rate: 5000 });
    expect(verified.mismatches.byKind).toEqual({ 'organization.domain': 1 });
  });
});

async function token(emulator: { url: string; clientId: string; clientSecret: string }): Promise<string> {
  const response = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
