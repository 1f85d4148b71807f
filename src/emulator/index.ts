import { UserInputError } from '../errors.js';
import { createServices } from './api/services.js';
import { Counters, type EmulatorCounters } from './counters.js';
import { Gate, type FaultSettings } from './gate.js';
import { createGrpcStreamHandler } from './http/grpc-unary.js';
import { h2Exchange } from './http/h2-exchange.js';
import { createHttpHandler } from './http/http-handler.js';
import { listenOnePort } from './http/one-port.js';
import { KeyRing } from './oauth/key-ring.js';
import { TokenService } from './oauth/tokens.js';
import { baseUrl, resolveOptions, type EmulatorOptions } from './options.js';
import { RestGateway } from './rest/gateway.js';
import { applySeed, type EmulatorSeed } from './store/seed.js';
import { StatePersister, readStateFile } from './store/state-file.js';
import { loadStateJson, stateToJson, type EmulatorState } from './store/state-json.js';
import { ensureClient } from './store/client-domain-json.js';
import { Store } from './store/store.js';

export type { EmulatorOptions } from './options.js';
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_CLI_PORT } from './options.js';
export type { EmulatorCounters } from './counters.js';
export type { FaultSettings, RateLimitMode } from './gate.js';
export type { EmulatorState } from './store/state-json.js';
export type { EmulatorSeed } from './store/seed.js';

export interface Emulator {
  /** The environment URL: give it to the SDK as SCALEKIT_ENVIRONMENT_URL. */
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** Closes the port and writes the state file (when there is one). */
  stop(): Promise<void>;
  /** Everything the environment holds, as plain JSON. */
  state(): EmulatorState;
  counters(): EmulatorCounters;
  /** A new signing key (the previous one stays in /keys until the next rotation); returns its kid. */
  rotateKeys(): Promise<string>;
  /** Invalidates every management access token; returns how many there were. */
  expireTokens(): number;
  /** Changes rate limit, faults or latency while running; returns the settings now in force. */
  configure(settings: FaultSettings): Required<FaultSettings>;
  /** Adds seed entries to the running environment (what a dashboard or an IdP admin would do); UserInputError on bad entries. */
  arrange(seed: EmulatorSeed): void;
  /** Stands in for DNS: publishes a domain's verification TXT record, so VerifyDomain succeeds for it. */
  publishTxtRecord(domain: string): void;
}

/**
 * A local Scalekit environment the unmodified @scalekit-sdk/node talks to: gRPC management API,
 * REST gateway, OAuth token/authorize/logout and JWKS, all on one loopback port.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  let settings;
  try {
    settings = resolveOptions(options);
  } catch (error) {
    throw new UserInputError(`emulator: ${(error as Error).message}`);
  }
  const store = new Store(undefined, { usersOnDisk: options.usersOnDisk });
  const saved = settings.statePath ? await readStateFile(settings.statePath) : undefined;
  if (saved) loadStateJson(store, saved.state);
  else applySeed(store, settings.seed);
  ensureClient(store, settings.clientId, saved ? undefined : settings.seed?.client);

  const keys = await KeyRing.create(saved?.signingKeys);
  const counters = new Counters();
  let url = '';
  const tokens = new TokenService(() => url, settings, keys, store, counters, settings.tokenTtlSeconds, settings.clock);
  let gate: Gate;
  try {
    gate = new Gate(settings.faults, tokens, counters, settings.random, settings.clientId);
  } catch (error) {
    throw new UserInputError(`emulator: ${(error as Error).message}`);
  }
  const services = createServices({ store, counters, now: Date.now }, (sessionId) => tokens.endSession(sessionId));
  const gateway = new RestGateway(services, gate);
  const grpc = createGrpcStreamHandler(services, gate);

  const persister = settings.statePath
    ? new StatePersister(settings.statePath, () => ({ state: stateToJson(store), signingKeys: keys.exportPrivate() }), settings.persistIntervalMs, (error) =>
        settings.log(`could not save the state to ${settings.statePath}: ${error.message}`),
      )
    : undefined;
  if (persister) store.onChange(() => persister.markDirty());

  const handle: Omit<Emulator, 'url' | 'port' | 'stop'> = {
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    state: () => stateToJson(store),
    counters: () => counters.snapshot(),
    async rotateKeys() {
      const kid = await keys.rotate();
      persister?.markDirty();
      return kid;
    },
    expireTokens: () => tokens.expireClientTokens(),
    configure: (faults) => gate.configure(faults),
    arrange: (seed) => applySeed(store, seed, { fresh: false }),
    publishTxtRecord: (domain) => {
      store.publishedTxtRecords.add(domain.trim().toLowerCase());
      store.changed();
    },
  };

  const http = createHttpHandler(handle, gateway, { issuer: () => url, clientId: settings.clientId, store, tokens, keys }, settings.log);

  let server;
  try {
    server = await listenOnePort(settings.host, settings.port, (req, res) => void http(req, res), (stream, headers) => {
      if (headers['content-type']?.startsWith('application/grpc')) return grpc(stream, headers);
      const { req, res } = h2Exchange(stream, headers);
      void http(req, res);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new UserInputError(`emulator: cannot listen on ${settings.host}:${settings.port} (${code}); pick another port, or 0 for a free one`);
    }
    throw error;
  }
  url = baseUrl(settings.host, server.port);
  if (persister && !saved) persister.markDirty(); // the first save: the seeded state and the new signing key

  let stopping: Promise<void> | undefined;
  return {
    ...handle,
    url,
    port: server.port,
    stop() {
      stopping ??= (async () => {
        await server.close();
        await persister?.flush();
        store.users.close();
      })();
      return stopping;
    },
  };
}
