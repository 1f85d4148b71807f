/**
 * CreateUserAndMembership calls per second through the real @scalekit-sdk/node against the
 * emulator, and the emulator's peak memory.
 *
 *   npx tsx bench/emulator.ts [--calls N] [--concurrency C] [--in-process]
 *
 * By default the emulator runs in its own process (as `scalekit-migrate emulator`), so the SDK
 * client and the server each get a core; --in-process shares one event loop between them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ScalekitClient } from '@scalekit-sdk/node';
import { startEmulator } from '../src/emulator/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CALLS = option('--calls', 30_000);
const CONCURRENCY = option('--concurrency', 64);
const IN_PROCESS = args.includes('--in-process');
const ORGS = 20;

interface Target {
  url: string;
  clientId: string;
  clientSecret: string;
  peakRssMb(): number | undefined;
  /** CPU seconds the emulator has used so far (undefined in-process: it shares the client's). */
  cpuSeconds(): number | undefined;
  stop(): Promise<void>;
}

async function childEmulator(): Promise<Target> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'emulator', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const vars = Object.fromEntries([...out.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
      if (Object.keys(vars).length === 3) resolve(vars);
    });
  });
  return {
    url: env.SCALEKIT_ENVIRONMENT_URL!,
    clientId: env.SCALEKIT_CLIENT_ID!,
    clientSecret: env.SCALEKIT_CLIENT_SECRET!,
    peakRssMb() {
      try {
        const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        return kb ? Number(kb) / 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    cpuSeconds() {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
      } catch {
        return undefined;
      }
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function inProcessEmulator(): Promise<Target> {
  const emulator = await startEmulator();
  return { ...emulator, peakRssMb: () => process.resourceUsage().maxRSS / 1024, cpuSeconds: () => undefined, stop: () => emulator.stop() };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const target = IN_PROCESS ? await inProcessEmulator() : await childEmulator();
  const sk = new ScalekitClient(target.url, target.clientId, target.clientSecret);
  await sk.role.listRoles(); // the SDK fetches its token on the first Unauthenticated: do it once, alone
  const orgIds: string[] = [];
  for (let i = 0; i < ORGS; i++) orgIds.push((await sk.organization.createOrganization(`Bench org ${i}`, { externalId: `bench-org-${i}` })).organization!.id);

  // Warm-up (JIT, HTTP/2 session), not measured.
  await run(sk, orgIds, 'warm', Math.min(2000, CALLS / 10));
  const latencies: number[] = [];
  const serverCpu0 = target.cpuSeconds();
  const clientCpu0 = process.cpuUsage();
  const started = performance.now();
  await run(sk, orgIds, 'user', CALLS, latencies);
  const seconds = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpu0);
  const serverCpu = serverCpu0 === undefined ? undefined : target.cpuSeconds()! - serverCpu0;

  latencies.sort((a, b) => a - b);
  const rate = CALLS / seconds;
  const server = target.peakRssMb();
  console.log(`emulator bench (${IN_PROCESS ? 'emulator in the same process' : 'emulator in its own process'}), Node ${process.version}`);
  console.log(`CreateUserAndMembership through @scalekit-sdk/node: ${CALLS} calls, concurrency ${CONCURRENCY}`);
  console.log(`  ${rate.toFixed(0)} calls/s (${seconds.toFixed(2)} s)`);
  console.log(`  latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  const perCall = (cpuSeconds: number) => `${((cpuSeconds / CALLS) * 1e6).toFixed(0)} µs/call`;
  console.log(`  CPU: client (SDK) ${perCall((clientCpu.user + clientCpu.system) / 1e6)}${serverCpu === undefined ? ' (emulator included)' : `, emulator ${perCall(serverCpu)} (${(CALLS / serverCpu).toFixed(0)} calls per emulator CPU-second)`}`);
  console.log(`  emulator peak RSS ${server === undefined ? 'n/a' : `${server.toFixed(0)} MB`}${IN_PROCESS ? ' (shared with the client)' : ''}`);
  console.log(`  bench client peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await target.stop();
}

async function run(sk: ScalekitClient, orgIds: string[], prefix: string, count: number, latencies?: number[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await sk.user.createUserAndMembership(orgIds[i % orgIds.length]!, {
        email: `${prefix}-${i}@bench.example`,
        externalId: `${prefix}-${i}`,
        userProfile: { firstName: 'Bench', lastName: `User ${i}` },
        metadata: { source: 'bench' },
        sendInvitationEmail: false,
      });
      latencies?.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

await main();
