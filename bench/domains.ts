/**
 * What organization domains cost an import, a verify and a rollback (in-process emulator, real SDK over
 * loopback): the same package with and without two domains per organization (the baseline, same run).
 *   npx tsx bench/domains.ts [--organizations N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/index.js';
import { runImport } from '../src/import/run-import.js';
import { runRollback } from '../src/import/rollback.js';
import { runVerify } from '../src/import/verify.js';
import { syntheticPackage, writeTestPackage } from '../test/helpers/test-package.js';

const flag = process.argv.indexOf('--organizations');
const ORGANIZATIONS = flag > 0 ? Number(process.argv[flag + 1]) : 300;
const FAST = { rate: 5000, concurrency: 16 };

async function run(domainsPerOrg: number) {
  const emulator = await startEmulator({ port: 0, log: () => undefined });
  const connection = { environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret };
  const dir = mkdtempSync(join(tmpdir(), 'skm-domains-'));
  const content = syntheticPackage({ organizations: ORGANIZATIONS, users: ORGANIZATIONS });
  content.organizations.forEach((org, i) => (org.domains = Array.from({ length: domainsPerOrg }, (_, d) => `org${i}-${d}.example-corp.test`)));
  writeTestPackage(dir, content);
  const time = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const value = await work();
    return { value, ms: performance.now() - started };
  };
  const imported = await time(() => runImport({ packageDir: dir, apply: true, connection, ...FAST }));
  const importCalls = Object.values(emulator.counters().methods).reduce((a, b) => a + b, 0);
  const verified = await time(() => runVerify({ packageDir: dir, connection, rate: 5000 }));
  const rolledBack = await time(() => runRollback({ packageDir: dir, apply: true, connection, ...FAST }));
  const left = emulator.state();
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
  return {
    importMs: imported.ms,
    importCalls,
    created: imported.value.domains?.create ?? 0,
    failed: imported.value.failures.total + (imported.value.domains?.failed ?? 0),
    verifyOk: verified.value.ok,
    verifyMs: verified.ms,
    rollbackMs: rolledBack.ms,
    rollbackComplete: rolledBack.value.complete,
    left: (left.domains?.length ?? 0) + left.organizations.length + left.users.length,
  };
}

const baseline = await run(0);
const withDomains = await run(2);
const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : '-');
console.log(`${ORGANIZATIONS} organizations, ${ORGANIZATIONS} users; with domains: 2 per organization`);
console.log('| run | domains created | import calls | import s | verify s | rollback s | verify ok | rollback complete | left after rollback |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [name, r] of [['baseline: no domains', baseline], ['2 domains per organization', withDomains]] as const) {
  console.log(`| ${name} | ${r.created} | ${r.importCalls} | ${(r.importMs / 1000).toFixed(1)} | ${(r.verifyMs / 1000).toFixed(1)} | ${(r.rollbackMs / 1000).toFixed(1)} | ${r.verifyOk} | ${r.rollbackComplete} | ${r.left} |`);
}
console.log(`\nratios (with / baseline): import calls ${ratio(withDomains.importCalls, baseline.importCalls)}, import time ${ratio(withDomains.importMs, baseline.importMs)}, verify ${ratio(withDomains.verifyMs, baseline.verifyMs)}, rollback ${ratio(withDomains.rollbackMs, baseline.rollbackMs)}`);
