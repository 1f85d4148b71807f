import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { renderJson } from '../../src/audit/reporters/json.js';
import { repoRoot } from '../helpers/cli.js';

const app = (name: string) => join(repoRoot, 'test', 'fixtures', 'apps', name);

describe('token and session facts for the backup checklist', () => {
  it('JWT algorithms and secret sources, cookies, session store and lifetimes; the longest lifetime picked out', async () => {
    const { tokenFacts } = await runAudit({ root: app('express-jsonwebtoken'), workers: 0 });
    expect(tokenFacts.jwt.find((fact) => fact.file === 'src/auth/tokens.ts' && fact.operation === 'sign' && fact.library === 'jsonwebtoken')).toMatchObject({
      algorithms: ['HS256'],
      secret: { kind: 'expression', name: 'ACCESS_SECRET' },
    });
    expect(tokenFacts.jwt.find((fact) => fact.line === 35)).toMatchObject({ operation: 'verify', secret: { kind: 'env', name: 'JWT_ACCESS_SECRET' } });
    expect(tokenFacts.jwt.find((fact) => fact.library === 'jose' && fact.operation === 'sign')).toMatchObject({ algorithms: ['RS256'], expiresIn: '2h' });
    expect(tokenFacts.cookies.find((cookie) => cookie.name === 'refresh_token')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'strict' });
    expect(tokenFacts.sessions).toEqual([expect.objectContaining({ library: 'cookie-session', store: 'cookie', cookieName: 'ledger_session', secret: { kind: 'literal' } })]);
    expect(tokenFacts.longestLifetime).toMatchObject({ what: 'refresh-token', seconds: 30 * 24 * 3600, file: 'src/routes/auth.ts' });
    expect([...new Set(tokenFacts.secrets.map((secret) => secret.name))]).toEqual(['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET']);
  });

  it('session store and cookie of express-session; Django and NextAuth session settings', async () => {
    const express = (await runAudit({ root: app('express-passport-session'), workers: 0 })).tokenFacts;
    expect(express.sessions).toEqual([
      expect.objectContaining({ library: 'express-session', store: 'redis', cookieName: 'acme.sid', secret: { kind: 'env', name: 'SESSION_SECRET' }, maxAge: '1000 * 60 * 60 * 24 * 14' }),
    ]);
    expect(express.longestLifetime).toMatchObject({ what: 'session', seconds: 14 * 86400 });
    const django = (await runAudit({ root: app('django'), workers: 0 })).tokenFacts;
    expect(django.sessions).toEqual([expect.objectContaining({ library: 'django.contrib.sessions', store: 'db' })]);
    expect(django.lifetimes.map((fact) => `${fact.what}=${fact.seconds}`)).toEqual(['session=1209600', 'access-token=900', 'refresh-token=2592000']);
    const next = (await runAudit({ root: app('nextjs-next-auth'), workers: 0 })).tokenFacts;
    expect(next.sessions).toEqual([expect.objectContaining({ library: 'next-auth', store: 'cookie (JWT)', secret: { kind: 'env', name: 'NEXTAUTH_SECRET' }, maxAge: '30 * 24 * 60 * 60' })]);
  });

  it('role and permission names from checks, decorators and claims', async () => {
    const { accessFacts } = await runAudit({ root: app('express-passport-session'), workers: 0 });
    expect(accessFacts.roles.map((role) => role.name)).toEqual(['admin', 'support']);
    const spring = (await runAudit({ root: app('spring'), workers: 0 })).accessFacts;
    expect(spring.roles.map((role) => `${role.name}×${role.occurrences}`)).toEqual(['ACCOUNTANT×1', 'ADMIN×1']);
  });

  it('never copies a secret value into the report', async () => {
    const secrets = ['rotate-me-1', 'rotate-me-2', 'fallback-secret', 'dev-access-secret', 'change-me'];
    for (const name of readdirSync(join(repoRoot, 'test', 'fixtures', 'apps'))) {
      const json = renderJson(await runAudit({ root: app(name), workers: 0 }));
      for (const secret of secrets) expect(json.includes(secret), `${name} leaks ${secret}`).toBe(false);
    }
  });
});
