// What the middleware bench runs in each real app of bench/real-apps/middleware.json: the app's own checks
// (its build or type check, its linter, its tests), as commands in its own folder. Our code, not the apps'.

import { expressCallbackCalls } from './express-callback-http.js';
import { expressPrismaMeCalls } from './express-prisma-me-http.js';
import { fastifyLogoutCalls } from './fastify-logout-http.js';
import { nestWorkersCalls } from './nest-workers-http.js';
import { nextAuthSessionCalls } from './next-auth-session-http.js';
import { next14CurrentCalls } from './next14-current-http.js';
import { koaDeleteCalls } from './koa-delete-http.js';
import { generatePrismaClient } from './prisma-offline.js';
import { sessionAppCalls } from './session-app-http.js';

export interface AppCheck {
  name: 'build' | 'lint' | 'test';
  command: string[];
}

export interface AppHarness {
  /** HTTP calls against the running app (before and after the codemod), when the app runs offline. */
  http?: (dir: string) => Promise<Record<string, string>>;
  /** Run after each install, before the app's checks (generating what an offline install could not). */
  setup?: (dir: string) => void;
  /** Packages an install with scripts disabled cannot provide (named here, with why). */
  notes?: string;
  checks: AppCheck[];
  /** Native modules an install with scripts disabled leaves unbuilt: compiled from source against Node's own headers. */
  native?: string[];
  /** The app's package.json pins nothing usable ("latest"): the versions of its commit's time, installed without saving. */
  install?: string[];
}

export const HARNESS: Record<string, AppHarness> = {
  'express-prisma-jsonwebtoken': {
    notes: 'Prisma engines cannot be downloaded offline: Prisma 6.19.3 (CLI, client and @prisma/adapter-pg, installed unsaved in place of its 5.6) generates its client with engineType "client" (WASM query compiler), run through the PostgreSQL adapter (a preload hands it to its PrismaClient) on a real PostgreSQL with its own migrations',
    install: ['prisma@6.19.3', '@prisma/client@6.19.3', '@prisma/adapter-pg@6.19.3'],
    native: ['bcrypt'],
    setup: generatePrismaClient,
    http: expressPrismaMeCalls,
    checks: [{ name: 'build', command: ['npx', 'tsc', '--noEmit', '-p', '.'] }],
  },
  'koa-jwt-typeorm': {
    http: koaDeleteCalls,
    checks: [
      { name: 'build', command: ['npx', 'tsc', '--noEmit', '-p', '.'] },
      { name: 'lint', command: ['npx', 'eslint', '**/*.{js,ts}', '--quiet'] },
      { name: 'test', command: ['npx', 'jest', '--ci'] },
    ],
  },
  'express-passport-sessions': {
    http: async (dir) => {
      const calls = await sessionAppCalls(dir);
      return {
        'Scalekit bearer token of the imported alice (external_id = her user id)': calls.scalekitUser,
        'alice\'s legacy session cookie (login form)': calls.legacySession,
        'forged Scalekit token (unknown key)': calls.forged,
        '`alg: none` token with the issuer': calls.unsigned,
        'cookie-only cross-origin `POST /` (session + access-token cookies, no CSRF token)': calls.cookieOnlyWrite,
        'Scalekit token, AUTH_PROVIDER unset': calls.unsetProviderScalekit,
      };
    },
    checks: [{ name: 'build', command: ['node', '-e', "for (const f of ['app.js','db.js','routes/auth.js','routes/index.js','auth/scalekit.js','auth/scalekit-client.js']) { try { require('fs').accessSync(f) } catch { continue } require('child_process').execFileSync(process.execPath, ['--check', f]) }"] }],
  },
  'fastify-jwt-prisma': {
    notes: 'Prisma engines cannot be downloaded offline: its client is generated with engineType "client" (WASM query compiler) and run with @prisma/adapter-pg 6.19.3 (installed unsaved, handed to its PrismaClient by a preload) on a real PostgreSQL with its own migrations; unit tests only (src/), as before',
    install: ['@prisma/adapter-pg@6.19.3'],
    setup: generatePrismaClient,
    http: fastifyLogoutCalls,
    checks: [
      { name: 'build', command: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.build.json'] },
      { name: 'lint', command: ['npx', 'eslint', 'src'] },
      { name: 'test', command: ['npx', 'vitest', 'run', 'src/'] },
    ],
  },
  'next-auth-v4': {
    notes: '`next build` is replaced by its type-check step (tsc --noEmit with the app tsconfig): a full build takes minutes on two shared cores',
    install: ['next@13.5.6', 'next-auth@4.23.2', 'react@18.2.0', 'react-dom@18.2.0', 'typescript@5.2.2', '@types/react@18.2.21', '@types/node@20'],
    http: nextAuthSessionCalls,
    checks: [{ name: 'build', command: ['npx', 'tsc', '--noEmit', '-p', '.'] }],
  },
  'nestjs6-passport-jwt-ts34': {
    notes: 'its own TypeScript 3.4.3, tslint and jest; `nest build` is `tsc -p tsconfig.build.json` in this app. bcrypt 3.0.7 (its lock) does not compile on Node 20: bcrypt 5.1.1, same API, is built from source instead; pg 7 (its lock) never connects on Node 14+: pg 8.11.3; TypeORM 0.2.20 (its lock) reads pg_constraint.consrc, gone since PostgreSQL 12: TypeORM 0.2.45',
    install: ['bcrypt@5.1.1', 'pg@8.11.3', 'typeorm@0.2.45'],
    native: ['bcrypt'],
    http: nestWorkersCalls,
    checks: [
      { name: 'build', command: ['npx', 'tsc', '-p', 'tsconfig.build.json', '--noEmit'] },
      { name: 'lint', command: ['npx', 'tslint', '-p', 'tsconfig.json', '-c', 'tslint.json'] },
      { name: 'test', command: ['npx', 'jest', '--ci'] },
    ],
  },
  'express-jsonwebtoken-callback': {
    notes: 'no lint or tests in the app: its files are syntax-checked with node --check',
    native: ['bcrypt'],
    http: expressCallbackCalls,
    checks: [{ name: 'build', command: ['node', '-e', "for (const f of ['server.js','authentication.js','datastore.js','models.js','auth/scalekit.js','auth/scalekit-client.js']) { try { require('fs').accessSync(f) } catch { continue } require('child_process').execFileSync(process.execPath, ['--check', f]) }"] }],
  },
  'next14-pages-getserversession': {
    notes: 'MongoDB through Prisma has no offline driver: its Prisma types are generated from its schema (engines replaced by a placeholder; generate never runs them) and at run time its PrismaClient is an in-process STUB (prisma-memory-store.cjs). Build is the type check of the app tsconfig (every error counted; `next build` stops at the first). No lint: its flat config extends next/typescript, which its pinned eslint-config-next 14.0.4 does not have',
    native: ['bcrypt'],
    setup: (dir) => generatePrismaClient(dir, 'types-only'),
    http: next14CurrentCalls,
    checks: [{ name: 'build', command: ['npx', 'tsc', '--noEmit', '-p', '.'] }],
  },
};
