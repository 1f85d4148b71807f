import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/audit/categories.js';
import { demoResultSchema, type DemoResult } from '../../src/demo/result.js';
import { DEFAULT_CLIENT_SECRET } from '../../src/emulator/index.js';
import { ENTITIES } from '../../src/import/import-result.js';
import { runCli } from '../helpers/child.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Debian's chromium, installed by .ci/run; the flags keep it from calling any host. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;
beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(true);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});
afterAll(async () => {
  await browser?.close();
});

/** The numbers the page must state, by data-metric name, taken from the demo's --json result. */
function expectedMetrics(result: DemoResult): Record<string, number> {
  const expected: Record<string, number> = {};
  const audit = result.audit!;
  expected['audit.total'] = audit.total;
  expected['audit.filesScanned'] = audit.filesScanned;
  for (const category of CATEGORIES) if (audit.byCategory[category]) expected[`audit.byCategory.${category}`] = audit.byCategory[category]!;
  for (const key of ['inputRecords', 'users', 'organizations', 'roles', 'memberships', 'rejects', 'merged'] as const) expected[`export.${key}`] = result.export![key];
  result.export!.rejectReasons.forEach((reason, i) => (expected[`export.rejectReason.${i}`] = reason.count));
  for (const entity of ENTITIES) {
    for (const key of ['total', 'create', 'update', 'unchanged', 'conflict', 'failed', 'pending'] as const) {
      expected[`import.${entity}.${key}`] = result.import!.counts[entity][key];
      expected[`plan.${entity}.${key}`] = result.importPlan!.counts[entity][key];
    }
  }
  const users = result.import!.counts.users;
  expected['import.users.done'] = users.create + users.update + users.unchanged;
  expected['import.failed'] = result.import!.failed;
  expected['import.rpcs'] = result.import!.rpcs;
  expected['import.invitationsSent'] = result.import!.invitationsSent;
  expected['verify.users'] = result.verify!.checked.users;
  expected['verify.organizations'] = result.verify!.checked.organizations;
  expected['verify.memberships'] = result.verify!.checked.memberships;
  expected['verify.mismatches'] = result.verify!.mismatches;
  expected['middleware.files'] = result.middleware!.filesChanged;
  expected['middleware.followUps'] = result.middleware!.followUps;
  expected['monitor.signIns'] = result.monitor!.signIns;
  expected['monitor.succeeded'] = result.monitor!.succeeded;
  result.monitor!.failures.forEach((failure, i) => (expected[`monitor.failure.${i}`] = failure.count));
  expected['checklist.done'] = result.checklist!.done;
  expected['checklist.total'] = result.checklist!.total;
  return expected;
}

describe('scalekit-migrate demo and its migration report', () => {
  it('migrates the sample app end to end (exit 0, one JSON document, no secret, token or email printed), and the report renders in Chromium with the same numbers', { timeout: 180_000 }, async () => {
    const dir = tempDir('skm-demo-');
    const workspace = join(dir, 'workspace');
    const run = await runCli(['demo', '--json', '--workspace', workspace], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const result = demoResultSchema.parse(JSON.parse(run.stdout));
    expect(result.ok).toBe(true);
    expect(result.workspace).toBe(workspace);
    expect(result.steps.map((step) => [step.id, step.status])).toEqual(result.steps.map((step) => [step.id, 'ok']));
    expect(result.steps).toHaveLength(15);
    for (const step of result.steps) expect(run.stderr).toContain(step.summary);

    // What a user checks: dirty rows rejected with reasons, everything else imported and verified, the migrated app answering.
    // A messy email is normalized and kept; the two records of one address (Pat Doe) are one person, merged.
    expect(result.export!.rejects).toBe(result.sample!.dirtyUsers - 3);
    expect(result.export!.merged).toBe(1);
    expect(result.export!.inputRecords).toBe(result.export!.users + result.export!.rejects + result.export!.merged);
    expect(result.import!.counts.users.create).toBe(result.export!.users);
    expect(result.import!.failed).toBe(0);
    expect(result.import!.invitationsSent).toBe(0);
    expect(result.verify).toMatchObject({ ok: true, mismatches: 0 });
    expect(result.middleware).toMatchObject({ mode: 'dual', secondRunChanges: 0 });
    expect(result.login!.tokenClaims!.xuid).toBe(result.login!.userExternalId);
    const dual = result.protectedCalls.filter((call) => call.authProvider === 'dual');
    expect(dual.find((call) => call.credential === 'scalekit' && call.route === '/api/me')).toMatchObject({ status: 200, body: { id: result.login!.userExternalId, role: 'admin' } });
    expect(dual.find((call) => call.credential === 'legacy')).toMatchObject({ status: 200, body: { id: result.login!.userExternalId } });
    expect(dual.find((call) => call.credential === 'forged')!.status).toBe(401);
    expect(result.protectedCalls.every((call) => call.status === call.expected)).toBe(true);
    expect(result.redirects).toMatchObject({ applied: true, secondApplyChanges: 0, callbackUris: ['http://127.0.0.1:3000/auth/callback'], initiateLoginUri: 'http://127.0.0.1:3000/auth/login' });
    // Items a check decides tick themselves from the tools' results; the demo marks only what it alone saw.
    const ticked = ['import.plan', 'import.apply', 'import.verify', 'redirects-roles.redirect-uris', 'redirects-roles.logout-urls', 'redirects-roles.initiate-login', 'app-code.dry-run', 'app-code.apply-dual'];
    expect(result.checklist!.automatic).toEqual(expect.arrayContaining(ticked));
    for (const id of ticked) expect(result.checklist!.marked).not.toContain(id);
    expect(result.checklist!.marked).toEqual(expect.arrayContaining(['app-code.tests']));
    // The migrated app recorded a migrated user's first Scalekit sign-in: test-login ticks itself.
    expect(result.checklist!.automatic).toContain('redirects-roles.test-login');
    expect(result.checklist!.marked).not.toContain('redirects-roles.test-login');
    // Phase 5: the monitor saw the demo's Scalekit sign-ins and its deliberate failure by reason, and the app's legacy traffic.
    expect(result.monitor!.succeeded).toBe(3);
    expect(result.monitor!.failures).toEqual([{ reason: 'USER_NOT_FOUND', count: 1 }]);
    expect(result.monitor!.legacyShare).toBeGreaterThan(0);
    expect(result.monitor!.switchSafe).toBe(false);
    expect(result.checklist!.currentPhase).toBe('Deploy and monitor');

    const printed = run.stdout + run.stderr;
    expect(printed).not.toContain(DEFAULT_CLIENT_SECRET);
    expect(printed).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
    expect(printed).not.toContain('legacy-demo-password');
    expect(printed).not.toMatch(/[\w.+-]+@[\w-]+\.example\b/);

    // The migrated app is a real git history the user can look at.
    expect(readFileSync(join(workspace, 'src', 'auth', 'middleware.js'), 'utf8')).toMatch(/scalekit/i);
    expect(existsSync(join(workspace, '.git'))).toBe(true);

    const reportFile = result.report!;
    expect(reportFile).toBe(join(workspace, '.scalekit-migration', 'report.html'));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) problems.push(`request to ${request.url()}`);
    });
    page.on('requestfailed', (request) => problems.push(`failed request ${request.url()}`));
    page.on('dialog', (dialog) => problems.push(`dialog: ${dialog.message()}`));
    await page.goto(`file://${reportFile}`, { waitUntil: 'load' });
    expect(await page.title()).toBe('Scalekit migration report');

    const shown = await page.$$eval('[data-metric]', (elements) =>
      elements.map((element) => ({ name: element.getAttribute('data-metric')!, value: element.getAttribute('data-value')!, text: element.textContent ?? ''})),
    );
    expect(shown.length).toBeGreaterThan(60);
    for (const entry of shown) expect(entry.text.replace(/,/g, ''), entry.name).toBe(entry.value);
    const byName = new Map<string, string[]>();
    for (const entry of shown) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry.value]);
    for (const [name, value] of Object.entries(expectedMetrics(result))) {
      const values = byName.get(name);
      expect(values, `the page does not state ${name}`).toBeDefined();
      for (const stated of values!) expect(Number(stated), name).toBe(value);
    }
    const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => ({ label: svg.getAttribute('aria-label'), width: svg.getBoundingClientRect().width })));
    expect(charts.map((chart) => chart.label)).toEqual(['Audit findings per category', 'Import progress per entity', 'Records written over time']);
    for (const chart of charts) expect(chart.width).toBeGreaterThan(300);
    expect(await page.locator('#code pre.diff').count()).toBe(result.middleware!.filesChanged);

    const screenshot = join(dir, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(screenshot).size).toBeGreaterThan(50_000);
    await page.close();
    expect(problems).toEqual([]);
  });
});
