import type { FaultSettings } from './gate.js';
import type { EmulatorSeed } from './store/seed.js';

export const DEFAULT_CLIENT_ID = 'skc_emulator';
export const DEFAULT_CLIENT_SECRET = 'skcs_emulator_secret';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_CLI_PORT = 8787;

export interface EmulatorOptions extends FaultSettings {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback unless asked otherwise. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** JSON file the state is loaded from (when it exists) and saved to, atomically, as it changes. */
  statePath?: string;
  /** Least time between two saves of the state file, in milliseconds (default 1000). */
  persistIntervalMs?: number;
  /** Data a fresh emulator starts with (ignored when `statePath` already holds a state). */
  seed?: EmulatorSeed;
  /** Lifetime of issued access tokens in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Random source for faults (default Math.random); give a seeded one for reproducible runs. */
  random?: () => number;
  /** The clock tokens are issued and checked by, in epoch milliseconds (default Date.now); tests move it to expire tokens. */
  clock?: () => number;
  /** Where problems the emulator survives are reported (default: stderr). */
  log?: (message: string) => void;
  /** Keep users' records in a temporary SQLite file instead of the heap (a million-user bench); removed on stop. */
  usersOnDisk?: boolean;
}

export interface ResolvedOptions extends Required<Omit<EmulatorOptions, 'statePath' | 'seed' | 'usersOnDisk' | keyof FaultSettings>> {
  statePath: string | undefined;
  seed: EmulatorSeed | undefined;
  faults: FaultSettings;
}

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer from 0 to 65535 (got ${port})`);
  const ttl = options.tokenTtlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl < 1) throw new RangeError(`tokenTtlSeconds must be a positive integer (got ${ttl})`);
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  if (!clientId || !clientSecret) throw new RangeError('clientId and clientSecret must not be empty');
  return {
    port,
    host: options.host ?? DEFAULT_HOST,
    clientId,
    clientSecret,
    statePath: options.statePath,
    persistIntervalMs: options.persistIntervalMs ?? 1000,
    seed: options.seed,
    tokenTtlSeconds: ttl,
    random: options.random ?? Math.random,
    clock: options.clock ?? Date.now,
    log: options.log ?? ((message) => process.stderr.write(`scalekit emulator: ${message}\n`)),
    faults: { rateLimit: options.rateLimit, rateLimitWindowSeconds: options.rateLimitWindowSeconds, rateLimitHeaders: options.rateLimitHeaders, rateLimitMode: options.rateLimitMode, faultRate: options.faultRate, latencyMs: options.latencyMs, refuseMethods: options.refuseMethods },
  };
}

/** The base URL clients use: a wildcard bind is reached through loopback; IPv6 hosts get brackets. */
export function baseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
