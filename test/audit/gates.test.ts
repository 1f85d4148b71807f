import { describe, expect, it } from 'vitest';
import { Prefilter } from '../../src/audit/engine/prefilter.js';
import { declaredNamesGate, hasAuthPathString, namesGate, readsEnvNamed } from '../../src/audit/js/gates.js';
import { summarizeLinks } from '../../src/audit/js/links.js';
import { RULES } from '../../src/audit/rules/registry.js';
import { isAuthEnvName } from '../../src/audit/shared/auth-env.js';

describe('rule gates: a file is parsed for a rule only when the rule could report in it', () => {
  it('finds path strings that name an auth flow, in literals, template tails and concatenations', () => {
    expect(hasAuthPathString("router.post('/auth/login', handler)")).toBe(true);
    expect(hasAuthPathString('fetch(`${base}/reset-password`)')).toBe(true);
    expect(hasAuthPathString("const url = api + '/logout';")).toBe(true);
    expect(hasAuthPathString("import { auth } from '@/lib/auth'; fetch('/api/links')")).toBe(false);
  });

  it('tests names as whole identifiers, and declared names only where they are declared', () => {
    const names = namesGate([/(?:^|\.)(?:verifyEmail|confirmEmail)$/]);
    expect(names('await users.verifyEmail(token)')).toBe(true);
    expect(names('const verifyEmailDomain = 1')).toBe(false);
    const declared = declaredNamesGate([/^(?:register|login)$/], [/^\w*Login\w*Form$/]);
    expect(declared('<input {...register("email")} />')).toBe(false);
    expect(declared('export async function register(input) {')).toBe(true);
    expect(declared('  async login(dto: LoginDto) {\n    return 1;\n  }')).toBe(true);
    expect(declared('const login = async (req, res) => {}')).toBe(true);
    expect(declared('exports.login = login;')).toBe(true);
    expect(declared('export class UserLoginForm {}')).toBe(true);
    expect(declared('await login(credentials)')).toBe(false);
  });

  it('reads environment variable names the way the env rule does', () => {
    expect(readsEnvNamed('const s = process.env.JWT_SECRET;', isAuthEnvName)).toBe(true);
    expect(readsEnvNamed("const s = process.env['NEXTAUTH_SECRET'];", isAuthEnvName)).toBe(true);
    expect(readsEnvNamed('const url = process.env.DATABASE_URL;', isAuthEnvName)).toBe(false);
  });

  it('keeps a rule out of a file whose keywords match but whose gate fails', () => {
    const prefilter = new Prefilter(RULES.filter((rule) => rule.ecosystem === 'javascript'));
    const ids = (text: string, file = 'src/x.ts') => prefilter.activeRules(text, file).map((rule) => rule.id);
    // "role" and "register" as a UI attribute and a form-library call: no role check, no sign-up.
    expect(ids('export const Field = () => <div role="group"><input {...register("name")} /></div>;')).toEqual([]);
    expect(ids("if (user.role === 'admin') throw new Error('no');")).toContain('js.rbac.role-check');
  });
});

describe('link summaries: every file says what it imports without a full pass', () => {
  it('lists app-local and path specifiers (a superset of the bindings extractLinks keeps) and re-exports', () => {
    const summary = summarizeLinks("import { a } from './a';\nimport React from 'react';\nconst b = require('../b');\nexport * from '@/lib/auth';\n");
    expect(summary.specifiers.sort()).toEqual(['../b', './a', '@/lib/auth']);
    expect(summary.reexports).toBe(true);
    expect(summarizeLinks("import { x } from 'next/server';").reexports).toBe(false);
  });
});
