/**
 * configureRedirects' route reading on real Express apps (bench/real-apps/redirect-routes.json, ground truth
 * written before the tool ran): the login path the browser reaches and the callback path planned beside it.
 * Baseline, in the same run: the router-relative path the audit reports, taken as is (no mount prefixes, the
 * first OAuth callback found reused).
 *   npx tsx bench/redirect-routes.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../src/audit/engine/run-audit.js';
import { writeAuditReports } from '../src/audit/write-reports.js';
import { findAppRoutes } from '../src/redirects/app-routes.js';
import { checkoutApp, readAppList } from './real-apps/checkout.js';

interface Truth {
  login: string;
  callback: string;
}

const apps = readAppList(join(import.meta.dirname, 'real-apps', 'redirect-routes.json'));
let tool = 0;
let baseline = 0;
const rows: string[] = [];
for (const app of apps) {
  const truth = app.truth as Truth;
  const root = checkoutApp(app);
  const workspace = mkdtempSync(join(tmpdir(), 'skm-routes-'));
  const started = performance.now();
  const report = await runAudit({ root });
  await writeAuditReports(workspace, { ...report, root });
  const { routes } = await findAppRoutes(workspace);
  const ms = Math.round(performance.now() - started);
  const routeFindings = report.findings.filter((f) => f.ruleId === 'js.route.auth-path');
  const relative = (category: string, want: (p: string) => boolean = () => true) =>
    routeFindings.filter((f) => f.category === category).map((f) => /\((\/[^()\s]*)\)$/.exec(f.message)?.[1]).find((p): p is string => Boolean(p && want(p)));
  const baseLogin = relative('login') ?? '/auth/login';
  const baseCallback = relative('oauth-provider', (p) => /callback/i.test(p)) ?? `${baseLogin.replace(/\/[^/]*$/, '')}/callback`;
  const toolRight = Number(routes.initiateLogin.path === truth.login) + Number(routes.callback.path === truth.callback);
  const baseRight = Number(baseLogin === truth.login) + Number(baseCallback === truth.callback);
  tool += toolRight;
  baseline += baseRight;
  rows.push(`| ${app.name} | ${truth.login}, ${truth.callback} | ${routes.initiateLogin.path}, ${routes.callback.path} (${toolRight}/2) | ${baseLogin}, ${baseCallback} (${baseRight}/2) | ${ms} ms |`);
  rmSync(workspace, { recursive: true, force: true });
}
console.log('| app | truth: login, callback | configureRedirects | baseline: audit path as is | audit + routes |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
const total = apps.length * 2;
console.log(`\nright: configureRedirects ${tool}/${total}, baseline ${baseline}/${total}`);
