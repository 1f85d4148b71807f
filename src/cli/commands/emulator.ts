import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserInputError } from '../../errors.js';
import type { EmulatorSeed } from '../../emulator/index.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_CLI_PORT } from '../../emulator/options.js';

interface EmulatorFlags {
  port: string;
  host: string;
  clientId: string;
  clientSecret: string;
  state?: string;
  seed?: string;
  rateLimit?: string;
  rateLimitMode: string;
  rateLimitWindow?: string;
  faultRate?: string;
  latency?: string;
  tokenTtl?: string;
  json?: boolean;
}

export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('a local Scalekit API (gRPC, REST, OAuth, JWKS on one port) for tests, benchmarks and rehearsals')
    .option('--port <n>', 'TCP port (0 picks a free one)', String(DEFAULT_CLI_PORT))
    .option('--host <address>', 'interface to bind; anything but loopback exposes the emulator to the network', '127.0.0.1')
    .option('--client-id <id>', 'client id the token endpoint accepts', DEFAULT_CLIENT_ID)
    .option('--client-secret <secret>', 'client secret the token endpoint accepts', DEFAULT_CLIENT_SECRET)
    .option('--state <file>', 'load the state from FILE when it exists and save it there as it changes')
    .option('--seed <file>', 'JSON seed for a fresh state: roles, organizations, users, connections, directories')
    .option('--rate-limit <n>', 'management calls per second per endpoint and client_id; beyond it calls are refused')
    .option('--rate-limit-window <seconds>', 'length of the fixed rate-limit window (X-RateLimit-Limit = rate × window)', '1')
    .option('--rate-limit-mode <mode>', "grpc: Scalekit's RESOURCE_EXHAUSTED / 429 with RATE_LIMIT_EXCEEDED; http: a plain HTTP 429 with Retry-After", 'grpc')
    .option('--fault-rate <p>', 'probability (0-1) that a management call fails with UNAVAILABLE')
    .option('--latency <ms>', 'delay added to every management call')
    .option('--token-ttl <seconds>', 'lifetime of issued access tokens', '3600')
    .option('--json', 'print the connection settings as one JSON document instead of export lines')
    .action(async (flags: EmulatorFlags) => {
      const seed = flags.seed ? await readSeed(resolve(flags.seed)) : undefined;
      const mode = flags.rateLimitMode;
      if (mode !== 'grpc' && mode !== 'http') throw new UserInputError(`--rate-limit-mode must be grpc or http (got "${mode}")`);
      const { startEmulator } = await import('../../emulator/index.js');
      const emulator = await startEmulator({
        port: integer(flags.port, '--port'),
        host: flags.host,
        clientId: flags.clientId,
        clientSecret: flags.clientSecret,
        statePath: flags.state ? resolve(flags.state) : undefined,
        seed,
        rateLimit: flags.rateLimit === undefined ? undefined : number(flags.rateLimit, '--rate-limit'),
        rateLimitWindowSeconds: integer(flags.rateLimitWindow ?? '1', '--rate-limit-window'),
        rateLimitMode: mode,
        faultRate: flags.faultRate === undefined ? undefined : number(flags.faultRate, '--fault-rate'),
        latencyMs: flags.latency === undefined ? undefined : number(flags.latency, '--latency'),
        tokenTtlSeconds: integer(flags.tokenTtl ?? '3600', '--token-ttl'),
      });
      const settings = {
        SCALEKIT_ENVIRONMENT_URL: emulator.url,
        SCALEKIT_CLIENT_ID: emulator.clientId,
        SCALEKIT_CLIENT_SECRET: emulator.clientSecret,
      };
      process.stdout.write(
        flags.json
          ? `${JSON.stringify({ ...settings, state_file: flags.state ? resolve(flags.state) : null })}\n`
          : Object.entries(settings).map(([name, value]) => `export ${name}=${shellQuote(value)}\n`).join(''),
      );
      if (!['127.0.0.1', 'localhost', '::1'].includes(flags.host)) {
        process.stderr.write(`warning: listening on ${flags.host}, reachable from other machines; the emulator is a test double with no real security.\n`);
      }
      process.stderr.write(
        `Scalekit emulator listening on ${emulator.url}${flags.state ? `, state in ${resolve(flags.state)}` : ''}; stop with Ctrl-C.\n`,
      );
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
      await emulator.stop();
      process.exitCode = 0;
    });
}

async function readSeed(path: string): Promise<EmulatorSeed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserInputError(`--seed ${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as EmulatorSeed;
  } catch (error) {
    throw new UserInputError(`--seed ${path} is not JSON: ${(error as Error).message}`);
  }
}

function number(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UserInputError(`${flag} must be a number (got "${text}")`);
  return value;
}

function integer(text: string, flag: string): number {
  const value = number(text, flag);
  if (!Number.isInteger(value)) throw new UserInputError(`${flag} must be a whole number (got "${text}")`);
  return value;
}

/** A value `eval` reads back unchanged. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
