/**
 * What phase 5 costs: reading N sign-in attempts through ListAuthRequests and tallying them
 * (runMonitor), beside reading N users through ListUsers with the same page size (the baseline: the
 * cheapest full read of as many records through the same SDK transport); and one diagnoseLogin beside
 * one GetUser. Emulator in-process, real SDK, loopback.
 *
 *   npx tsx bench/monitor.ts [--attempts N] [--rounds R]
 */
import { ScalekitClient } from '@scalekit-sdk/node';
import { startEmulator } from '../src/emulator/index.js';
import { diagnoseLogin } from '../src/monitor/diagnose-login.js';
import { runMonitor } from '../src/monitor/run-monitor.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ATTEMPTS = option('--attempts', 5_000);
const ROUNDS = option('--rounds', 5);
const CALLBACK = 'http://localhost:3000/callback';

const users = Array.from({ length: ATTEMPTS }, (_, i) => ({ email: `user${i}@bench.example`, external_id: `u-${i}`, memberships: [{ organization_external_id: 'acme' }] }));
const emulator = await startEmulator({ port: 0, log: () => undefined, seed: { organizations: [{ external_id: 'acme', display_name: 'Acme' }], users, client: { redirect_uris: [CALLBACK] } } });
const connection = { environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret };
const sdk = new ScalekitClient(emulator.url, emulator.clientId, emulator.clientSecret);

// The attempts: one in ten for an unknown user, one in fifty through an unregistered callback.
let started = performance.now();
for (let i = 0; i < ATTEMPTS; i += 8) {
  await Promise.all(
    Array.from({ length: Math.min(8, ATTEMPTS - i) }, (_, k) => {
      const n = i + k;
      const email = n % 10 === 0 ? `nobody${n}@bench.example` : `user${n}@bench.example`;
      return fetch(sdk.getAuthorizationUrl(n % 50 === 1 ? `${CALLBACK}-typo` : CALLBACK, { loginHint: email }), { redirect: 'manual' }).then((r) => r.arrayBuffer());
    }),
  );
}
const recordMs = performance.now() - started;

const workspace = mkdtempSync(join(tmpdir(), 'skm-bench-monitor-'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const time = async (work: () => Promise<unknown>) => {
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  return median(samples);
};

let monitored = 0;
const monitorMs = await time(async () => (monitored = (await runMonitor({ workspace, connection })).signIns.total));
const listUsersMs = await time(async () => {
  let token = '';
  let read = 0;
  do {
    const page = await sdk.user.listUsers({ pageSize: 100, pageToken: token });
    read += page.users.length;
    token = page.nextPageToken;
  } while (token);
  return read;
});
const diagnoseMs = await time(() => diagnoseLogin({ workspace, email: 'user7@bench.example', connection }));
const userId = (await sdk.user.getUserByExternalId('u-7')).user!.id;
const getUserMs = await time(() => sdk.user.getUser(userId));
await emulator.stop();

const row = (what: string, ms: number, baseline: string, baseMs: number) =>
  console.log(`| ${what} | ${ms.toFixed(0)} ms | ${baseline} | ${baseMs.toFixed(1)} ms | ${(ms / baseMs).toFixed(2)}× |`);
console.log(`${ATTEMPTS} sign-in attempts recorded through /oauth/authorize in ${(recordMs / 1000).toFixed(1)} s (${Math.round(ATTEMPTS / (recordMs / 1000))}/s, 8 at a time); medians of ${ROUNDS} rounds`);
console.log('| operation | time | baseline | baseline time | ratio |\n|---|---|---|---|---|');
row(`runMonitor over ${monitored} attempts`, monitorMs, `ListUsers over ${ATTEMPTS} users`, listUsersMs);
row('diagnoseLogin, one user', diagnoseMs, 'one GetUser', getUserMs);
