import type { FaultSettings } from '../gate.js';
import type { EmulatorCounters } from '../counters.js';
import type { EmulatorState } from '../store/state-json.js';
import type { EmulatorSeed } from '../store/seed.js';
import { parseParams, readBody, sendJson, type HttpRequest, type HttpResponse } from './io.js';

export interface AdminContext {
  state(): EmulatorState;
  counters(): EmulatorCounters;
  rotateKeys(): Promise<string>;
  expireTokens(): number;
  configure(settings: FaultSettings): FaultSettings;
  /** Adds seed entries (organizations, users, connections, directories, redirect URIs...) to the running environment. */
  arrange(seed: EmulatorSeed): void;
  /** Stands in for DNS: the domain's verification TXT record is now published, so VerifyDomain succeeds. */
  publishTxtRecord(domain: string): void;
}

/**
 * `/_emulator/*`: inspection and control for tests and people. Not part of Scalekit's API, not
 * authenticated (the emulator listens on loopback).
 */
export async function handleAdmin(ctx: AdminContext, req: HttpRequest, res: HttpResponse, url: URL): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  switch (route) {
    case 'GET /_emulator/state':
      return sendJson(res, 200, ctx.state());
    case 'GET /_emulator/counters':
      return sendJson(res, 200, ctx.counters());
    case 'POST /_emulator/rotate-keys':
      return sendJson(res, 200, { kid: await ctx.rotateKeys() });
    case 'POST /_emulator/expire-tokens':
      return sendJson(res, 200, { expired: ctx.expireTokens() });
    case 'POST /_emulator/seed': {
      try {
        ctx.arrange(JSON.parse((await readBody(req)) || '{}') as EmulatorSeed);
        return sendJson(res, 200, { ok: true });
      } catch (error) {
        return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    case 'POST /_emulator/publish-txt': {
      const raw = JSON.parse((await readBody(req)) || '{}') as { domain?: unknown };
      if (typeof raw.domain !== 'string' || !raw.domain) return sendJson(res, 400, { error: 'give { "domain": "<name>" }' });
      ctx.publishTxtRecord(raw.domain);
      return sendJson(res, 200, { published: raw.domain.toLowerCase() });
    }
    case 'POST /_emulator/config': {
      try {
        const body = await readBody(req);
        const raw = (req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(body || '{}') as Record<string, unknown>) : parseParams(body, undefined);
        const number = (v: unknown) => (v === undefined || v === '' ? undefined : Number(v));
        const settings: FaultSettings = {
          rateLimit: number(raw.rateLimit),
          rateLimitWindowSeconds: number(raw.rateLimitWindowSeconds),
          rateLimitHeaders: raw.rateLimitHeaders === undefined ? undefined : raw.rateLimitHeaders === true || raw.rateLimitHeaders === 'true',
          rateLimitMode: raw.rateLimitMode as FaultSettings['rateLimitMode'],
          faultRate: number(raw.faultRate),
          latencyMs: number(raw.latencyMs),
        };
        return sendJson(res, 200, ctx.configure(settings));
      } catch (error) {
        return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    default:
      return sendJson(res, 404, {
        error: `no emulator route ${route}`,
        routes: ['GET /_emulator/state', 'GET /_emulator/counters', 'POST /_emulator/rotate-keys', 'POST /_emulator/expire-tokens', 'POST /_emulator/config', 'POST /_emulator/publish-txt', 'POST /_emulator/seed'],
      });
  }
}
