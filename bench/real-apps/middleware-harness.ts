// What the middleware bench runs in each real app of bench/real-apps/middleware.json: the app's own checks
// (its build or type check, its linter, its tests), as commands in its own folder. Our code, not the apps'.

import { sessionAppCalls } from './session-app-http.js';

export interface AppCheck {
  name: 'build' | 'lint' | 'test';
  command: string[];
}

export interface AppHarness {
  /** HTTP calls against the running app (before and after the codemod), when the app runs offline. */
  http?: (dir: string) => Promise<Record<string, string>>;
  /** Packages an install with scripts disabled cannot provide (named here, with why). */
  notes?: string;
  checks: AppCheck[];
  /** The app's package.json pins nothing usable ("latest"): the versions of its commit's time, installed without saving. */
  install?: string[];
}

export const HARNESS: Record<string, AppHarness> = {
  'express-prisma-jsonwebtoken': {
    notes: 'Prisma engines cannot be downloaded offline: the Prisma client is not generated, so its types are missing before and after alike',
    checks: [{ name: 'build', command: ['npx', 'tsc', '--noEmit', '-p', '.'] }],
  },
  'koa-jwt-typeorm': {
    checks: [
      { name: 'build', command: ['npx', 'tsc', '--noEmit', '-p', '.'] },
      { name: 'lint', command: ['npx', 'eslint', '**/*.{js,ts}', '--quiet'] },
      { name: 'test', command: ['npx', 'jest', '--ci'] },
    ],
  },
  'express-passport-sessions': {
    http: async (dir) => ({ ...(await sessionAppCalls(dir)) }),
    checks: [{ name: 'build', command: ['node', '-e', "for (const f of ['app.js','db.js','routes/auth.js','routes/index.js','auth/scalekit.js','auth/scalekit-client.js']) { try { require('fs').accessSync(f) } catch { continue } require('child_process').execFileSync(process.execPath, ['--check', f]) }"] }],
  },
  'fastify-jwt-prisma': {
    notes: 'Prisma engines cannot be downloaded offline: unit tests only (src/), the e2e and integration tests need the database client',
    checks: [
      { name: 'build', command: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.build.json'] },
      { name: 'lint', command: ['npx', 'eslint', 'src'] },
      { name: 'test', command: ['npx', 'vitest', 'run', 'src/'] },
    ],
  },
  'next-auth-v4': {
    notes: '`next build` is replaced by its type-check step (tsc --noEmit with the app tsconfig): a full build takes minutes on two shared cores',
    install: ['next@13.5.6', 'next-auth@4.23.2', 'react@18.2.0', 'react-dom@18.2.0', 'typescript@5.2.2', '@types/react@18.2.21', '@types/node@20'],
    checks: [{ name: 'build', command: ['npx', 'tsc', '--noEmit', '-p', '.'] }],
  },
};
