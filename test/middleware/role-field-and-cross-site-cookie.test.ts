import { symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppProfile } from '../../src/middleware/app-profile.js';
import { authModuleSource } from '../../src/middleware/generated/auth-module.js';
import { completeMapping } from '../../src/middleware/generated/claims-mapping.js';
import { renderForApp } from '../../src/middleware/generated/render.js';
import { repoRoot } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

interface GeneratedModule {
  hasRole(user: unknown, role: unknown): boolean;
  requestToken(request: { headers?: Record<string, string> }, cookie?: boolean): string | undefined;
}

function generatedModule(): GeneratedModule {
  const dir = tempDir('skm-role-cookie-');
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const mapping = completeMapping([{ name: 'sub', source: 'user-id' }, { name: 'userRole', source: 'role' }], {});
  writeFileSync(join(dir, 'scalekit.cjs'), renderForApp(authModuleSource({ mode: 'dual', verify: 'jwks', mapping, clientSpecifier: './scalekit-client.cjs', next: true }), { language: 'javascript', format: 'commonjs' } as AppProfile));
  return createRequire(join(dir, 'package.json'))('./scalekit.cjs') as GeneratedModule;
}

describe('generated module: legacy role fields and cookies of cross-site requests', () => {
  const module = generatedModule();

  it('answers hasRole from a legacy token whose single role is in `userRole` or `user_role` (next-auth callbacks set such fields)', () => {
    expect(module.hasRole({ sub: '4242', userRole: 'admin' }, 'admin')).toBe(true);
    expect(module.hasRole({ sub: '4242', user_role: 'admin' }, 'admin')).toBe(true);
    expect(module.hasRole({ sub: '4242', userRole: 'member' }, 'admin')).toBe(false);
    // A Scalekit user's roles claim decides when present.
    expect(module.hasRole({ sub: '4242', userRole: 'admin', roles: ['member'] }, 'admin')).toBe(false);
  });

  it('reads the access-token cookie only from same-site requests', () => {
    const cookie = 'theme=dark; scalekit_access_token=tok.en.value';
    expect(module.requestToken({ headers: { cookie, host: 'app.example' } }, true)).toBe('tok.en.value');
    expect(module.requestToken({ headers: { cookie, host: 'app.example', origin: 'https://app.example' } }, true)).toBe('tok.en.value');
    expect(module.requestToken({ headers: { cookie, host: 'app.example', 'sec-fetch-site': 'same-origin' } }, true)).toBe('tok.en.value');
    expect(module.requestToken({ headers: { cookie, host: 'app.example', origin: 'https://evil.example' } }, true)).toBeUndefined();
    expect(module.requestToken({ headers: { cookie, host: 'app.example', origin: 'null' } }, true)).toBeUndefined();
    expect(module.requestToken({ headers: { cookie, host: 'app.example', 'sec-fetch-site': 'cross-site', origin: 'https://app.example' } }, true)).toBeUndefined();
    // The Authorization header is not something another site can make a browser send: still read.
    expect(module.requestToken({ headers: { authorization: 'Bearer header.to.ken', host: 'app.example', origin: 'https://evil.example' } }, true)).toBe('header.to.ken');
    // A header-only API never reads the cookie.
    expect(module.requestToken({ headers: { cookie, host: 'app.example' } })).toBeUndefined();
  });
});
