import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { isLegacyValidation } from '../../src/checklist/checks/no-legacy-validation.js';
import type { AppProfile } from '../../src/middleware/app-profile.js';
import { authModuleSource } from '../../src/middleware/generated/auth-module.js';
import { completeMapping } from '../../src/middleware/generated/claims-mapping.js';
import { clientModuleSource } from '../../src/middleware/generated/client-module.js';
import { downlevelForTypeScript } from '../../src/middleware/generated/downlevel.js';
import { renderForApp } from '../../src/middleware/generated/render.js';
import { repoRoot } from '../helpers/cli.js';
import { typeCheck } from '../helpers/fixture-app.js';
import { tempDir } from '../helpers/temp-dir.js';

const mapping = completeMapping(
  [
    { name: 'userId', source: 'user-id' },
    { name: 'org', source: 'org-id' },
    { name: 'role', source: 'role' },
    { name: 'email', source: 'email' },
    { name: 'my-field', source: 'unmapped' },
  ],
  { org_admin: 'Org Admin' },
);

function project(): string {
  const dir = tempDir('skm-module-');
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Every variant of the generated modules compiles under the strictest usual settings and is never audited as legacy validation. */
describe('generated auth and client modules', () => {
  it('compile under strict TypeScript (unused locals and parameters, implicit returns and overrides checked) in every variant', { timeout: 120_000 }, () => {
    const dir = project();
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true, noUnusedLocals: true, noUnusedParameters: true, noImplicitReturns: true, noImplicitOverride: true, types: ['node'] },
        include: ['**/*.ts'],
        exclude: ['node_modules'],
      }),
    );
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    for (const mode of ['dual', 'scalekit'] as const) {
      for (const verify of ['jwks', 'sdk'] as const) {
        for (const [next, nest] of [[false, false], [true, false], [false, true]] as const) {
          const variant = join(dir, `${mode}-${verify}${next ? '-next' : ''}${nest ? '-nest' : ''}`);
          mkdirSync(variant);
          writeFileSync(join(variant, 'scalekit.ts'), authModuleSource({ mode, verify, mapping, clientSpecifier: './scalekit-client.js', next, nest }));
          writeFileSync(join(variant, 'scalekit-client.ts'), clientModuleSource());
        }
      }
    }
    typeCheck(dir, false);
  });

  it('compile with an app\'s TypeScript 3.8, target ES2017 and no DOM lib (NestJS 7 era), in every mode', { timeout: 120_000 }, () => {
    const dir = tempDir('skm-module-ts38-');
    // jose 4 types (next-auth's copy) stand in for jose 5, which the codemod adds for such apps: both parse under TypeScript 3.8.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(repoRoot, 'node_modules', 'next-auth', 'node_modules', 'jose'), join(dir, 'node_modules', 'jose'), 'dir');
    symlinkSync(join(repoRoot, 'node_modules', '@scalekit-sdk'), join(dir, 'node_modules', '@scalekit-sdk'), 'dir');
    // The few Node globals the modules use, declared here (@types/node of today needs a newer compiler than 3.8); no global URL, as in old @types/node without the DOM lib.
    writeFileSync(
      join(dir, 'node-globals.d.ts'),
      'declare const process: { env: Record<string, string | undefined>; pid: number };\n' +
        'declare function setTimeout(handler: () => void, ms: number): unknown;\n' +
        "declare module 'fs' { export function mkdirSync(path: string, options?: object): void; export function writeFileSync(path: string, data: string, options?: object): void; }\n" +
        "declare module 'path' { export function join(...parts: string[]): string; }\n" +
        'declare const Buffer: { from(text: string, encoding: string): { toString(encoding: string): string } };\n' +
        "declare function require(id: string): any;\ndeclare module 'url' { export class URL { constructor(url: string); } }\n",
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'es2017', module: 'commonjs', lib: ['es2015', 'es2018.asynciterable', 'es2017.object'], strict: true, noEmit: true, esModuleInterop: true, types: [], noUnusedLocals: true, skipLibCheck: true } }),
    );
    for (const mode of ['dual', 'scalekit'] as const) {
      for (const verify of ['jwks', 'sdk'] as const) {
        const variant = join(dir, `${mode}-${verify}`);
        mkdirSync(variant);
        writeFileSync(join(variant, 'scalekit.ts'), authModuleSource({ mode, verify, mapping, clientSpecifier: './scalekit-client', next: false, typescript: [3, 8] }));
        writeFileSync(join(variant, 'scalekit-client.ts'), clientModuleSource({ typescript: [3, 8] }));
      }
    }
    const tsc = join(repoRoot, 'node_modules', 'typescript-3.8', 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('compile with an app\'s TypeScript 3.4 (no `??`, `?.` or `import type`; jose and the SDK typed loosely) and carry tslint:disable for a TSLint app', { timeout: 120_000 }, () => {
    const dir = tempDir('skm-module-ts34-');
    writeFileSync(
      join(dir, 'node-globals.d.ts'),
      'declare const process: { env: Record<string, string | undefined> };\n' +
        'declare const Buffer: { from(text: string, encoding: string): { toString(encoding: string): string } };\n' +
        "declare function require(id: string): any;\ndeclare module 'url' { export class URL { constructor(url: string); } }\n" +
        "declare module '@nestjs/common' { export class UnauthorizedException extends Error { constructor(message?: string); } }\n",
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'es6', module: 'commonjs', lib: ['es2015', 'es2017.object'], strict: true, noEmit: true, types: [], noUnusedLocals: true, experimentalDecorators: true } }),
    );
    const profile = { language: 'typescript', format: 'commonjs', typescript: [3, 4] as const, tslint: true } as unknown as AppProfile;
    for (const mode of ['dual', 'scalekit'] as const) {
      for (const verify of ['jwks', 'sdk'] as const) {
        for (const nest of [false, true]) {
          const variant = join(dir, `${mode}-${verify}${nest ? '-nest' : ''}`);
          mkdirSync(variant);
          const auth = renderForApp(authModuleSource({ mode, verify, mapping, clientSpecifier: './scalekit-client', next: false, nest, typescript: [3, 4] }), profile);
          expect(auth).not.toMatch(/\?\?|\?\.[\w[(]|^import type /m);
          expect(auth.split('\n').slice(0, 2)).toEqual(['/* eslint-disable */', '/* tslint:disable */']);
          writeFileSync(join(variant, 'scalekit.ts'), auth);
          writeFileSync(join(variant, 'scalekit-client.ts'), renderForApp(clientModuleSource({ typescript: [3, 4] }), profile));
        }
      }
    }
    const tsc = join(repoRoot, 'node_modules', 'typescript-3.4', 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('rewrites `??` and optional chains for TypeScript before 3.7 with the same results', () => {
    const source = `const none: { inner?: { value: number } } | undefined = undefined as any;
const some: { inner?: { value: number } } | undefined = { inner: { value: 7 } };
const list: number[] | undefined = [4];
const zero: number | undefined = 0;
export const results = [none?.inner?.value, some?.inner?.value, list?.[0], zero ?? 5, none ?? 'fallback', some!.inner?.value ?? 1];
`;
    const rewritten = downlevelForTypeScript(source, [3, 4]);
    expect(rewritten).not.toMatch(/\?\?|\?\.[\w[]/);
    const evaluate = (text: string) => {
      const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      const module = { exports: {} as { results?: unknown[] } };
      new Function('module', 'exports', js)(module, module.exports);
      return module.exports.results;
    };
    expect(evaluate(rewritten)).toEqual([undefined, 7, 4, 0, 'fallback', 7]);
    expect(evaluate(rewritten)).toEqual(evaluate(source));
    expect(() => downlevelForTypeScript('export const x = (globalThis as any).f() ?? 1;', [3, 4])).toThrow(/not a plain read/);
  });

  it('answers a bad Scalekit token in a NestJS app with an UnauthorizedException (401 in Nest), elsewhere with a status-401 error', async () => {
    const dir = project();
    const render = (nest: boolean) => renderForApp(authModuleSource({ mode: 'dual', verify: 'jwks', mapping, clientSpecifier: './scalekit-client.cjs', next: false, nest }), { language: 'javascript', format: 'commonjs' } as AppProfile);
    writeFileSync(join(dir, 'nest.cjs'), render(true));
    writeFileSync(join(dir, 'plain.cjs'), render(false));
    const check = spawnSync(
      process.execPath,
      [
        '-e',
        `const { UnauthorizedException } = require('@nestjs/common');
         const nest = new (require('./nest.cjs').ScalekitAuthError)('bad token');
         const plain = new (require('./plain.cjs').ScalekitAuthError)('bad token');
         console.log(JSON.stringify({ nest: nest instanceof UnauthorizedException, status: nest.getStatus(), plain: [plain.status, plain.statusCode, plain.name] }));`,
      ],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, AUTH_PROVIDER: '' } },
    );
    expect(check.stderr).toBe('');
    expect(JSON.parse(check.stdout)).toEqual({ nest: true, status: 401, plain: [401, 401, 'UnauthorizedError'] });
  });

  it('treats an unset AUTH_PROVIDER as legacy: a Scalekit-issued token goes to the legacy check, never to Scalekit', async () => {
    const dir = project();
    writeFileSync(join(dir, 'module.cjs'), renderForApp(authModuleSource({ mode: 'dual', verify: 'jwks', mapping, clientSpecifier: './scalekit-client.cjs', next: false }), { language: 'javascript', format: 'commonjs' } as AppProfile));
    const token = ['{"alg":"RS256"}', '{"iss":"https://env.example","sub":"usr_1"}', 'sig'].map((part, index) => (index < 2 ? Buffer.from(part).toString('base64url') : part)).join('.');
    const script = `const m = require('./module.cjs');
      m.authenticateToken(${JSON.stringify(token)}, () => 'legacy check ran').then((user) => console.log(JSON.stringify({ provider: m.authProvider(), user, counted: m.scalekitAuthCounters().scalekit.rejected })), (error) => console.log(JSON.stringify({ error: error.message })));`;
    for (const [value, expected] of [[undefined, 'legacy'], ['', 'legacy']] as const) {
      const env = { ...process.env, SCALEKIT_ENVIRONMENT_URL: 'https://env.example', SCALEKIT_CLIENT_ID: 'c' } as Record<string, string | undefined>;
      if (value === undefined) delete env.AUTH_PROVIDER;
      else env.AUTH_PROVIDER = value;
      const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env });
      // The counters the monitor reads call it a Scalekit token turned away by the flag, not a legacy one.
      expect(JSON.parse(run.stdout)).toEqual({ provider: expected, user: 'legacy check ran', counted: { auth_provider_legacy: 1 } });
    }
  });

  it('maps claims onto the app fields it found, names the ones no claim fills, and maps renamed roles back', () => {
    const source = authModuleSource({ mode: 'dual', verify: 'jwks', mapping, clientSpecifier: './scalekit-client', next: false });
    expect(source).toContain('userId: claims.xuid ?? claims.sub,');
    expect(source).toContain('org: claims.xoid ?? claims.oid,');
    expect(source).toContain('role: roles[0],');
    expect(source).toContain('"org_admin": "Org Admin",');
    expect(source).toContain('email: claims.email,');
    expect(source).toContain('withScalekitEmail(payload as ScalekitClaims)');
    expect(source).toContain('Not in an access token, left unset: my-field.');
    expect(source).toContain("issuer: scalekitIssuer(), audience: scalekitAudience(), algorithms: ['RS256']");
    expect(source).not.toMatch(/JWT_SECRET|jsonwebtoken/);
  });

  it('is never flagged as legacy validation by the audit, in TypeScript and in JavaScript (ESM and CommonJS)', async () => {
    const dir = project();
    const profiles: Array<Pick<AppProfile, 'language' | 'format'> & { extension: string }> = [
      { language: 'typescript', format: 'esm', extension: 'ts' },
      { language: 'javascript', format: 'esm', extension: 'mjs' },
      { language: 'javascript', format: 'commonjs', extension: 'cjs' },
    ];
    for (const profile of profiles) {
      for (const mode of ['dual', 'scalekit'] as const) {
        for (const verify of ['jwks', 'sdk'] as const) {
          const variant = join(dir, `${profile.extension}-${mode}-${verify}`);
          mkdirSync(variant);
          const render = (text: string) => renderForApp(text, profile as unknown as AppProfile);
          writeFileSync(join(variant, `scalekit.${profile.extension}`), render(authModuleSource({ mode, verify, mapping, clientSpecifier: `./scalekit-client.${profile.extension}`, next: true })));
          writeFileSync(join(variant, `scalekit-client.${profile.extension}`), render(clientModuleSource()));
          if (profile.language === 'javascript') {
            for (const name of ['scalekit', 'scalekit-client']) {
              const check = spawnSync(process.execPath, ['--check', join(variant, `${name}.${profile.extension}`)], { encoding: 'utf8' });
              expect(check.status, check.stderr).toBe(0);
            }
          }
        }
      }
    }
    const report = await runAudit({ root: dir });
    expect(report.findings.filter(isLegacyValidation)).toEqual([]);
  });
});
