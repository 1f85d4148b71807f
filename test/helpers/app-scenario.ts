import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { runMiddlewareCodemod } from '../../src/middleware/run-codemod.js';
import type { CodemodMode } from '../../src/middleware/options.js';
import type { MiddlewareResult } from '../../src/middleware/result.js';
import { testEmulator } from './emulator.js';
import { copyFixtureApp, expiredScalekitToken, forgedScalekitToken, git, scalekitTokenFor, typeCheck } from './fixture-app.js';
import { tempDir } from './temp-dir.js';

/** The migrated users every app scenario uses: legacy ids u-42 (Org Admin) and u-43 (member) in org-acme. */
export const ADA = { email: 'ada@example.com', legacyId: 'u-42', org: 'org-acme', legacyRole: 'Org Admin' };
export const BOB = { email: 'bob@example.com', legacyId: 'u-43', org: 'org-acme', legacyRole: 'member' };

export interface AppContext {
  app: string;
  emulator: Emulator;
  env: Record<string, string>;
  statePath: string;
  tokens: { ada: string; bob: string; forged: string; expired: string };
}

/**
 * A fixture app copied into a git repository, an emulator holding the migrated users (external_id =
 * legacy id, as the import stores it) and the package's roles.ndjson naming the renamed role, and the
 * Scalekit tokens the scenarios send: minted by the emulator's code flow, forged, expired.
 */
export async function prepareApp(name: string): Promise<AppContext> {
  const app = copyFixtureApp(name);
  const statePath = join(tempDir(), 'emulator-state.json');
  const { emulator, env } = await testEmulator({
    statePath,
    persistIntervalMs: 0,
    seed: {
      roles: [{ name: 'org_admin', display_name: 'Org Admin' }, { name: 'member', default_member: true }],
      organizations: [{ external_id: ADA.org, display_name: 'Acme' }],
      users: [
        { email: ADA.email, external_id: ADA.legacyId, memberships: [{ organization_external_id: ADA.org, roles: ['org_admin'] }] },
        { email: BOB.email, external_id: BOB.legacyId, memberships: [{ organization_external_id: BOB.org, roles: ['member'] }] },
      ],
    },
  });
  const packageDir = join(app, '.scalekit-migration', 'package');
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(packageDir, 'roles.ndjson'), [{ name: 'org_admin', display_name: 'Org Admin', legacy_name: 'Org Admin' }, { name: 'member' }].map((role) => JSON.stringify(role) + '\n').join(''));
  const tokens = {
    ada: await scalekitTokenFor(emulator, ADA.email),
    bob: await scalekitTokenFor(emulator, BOB.email),
    forged: await forgedScalekitToken(emulator, { xuid: ADA.legacyId, roles: ['org_admin'] }),
    expired: await expiredScalekitToken(emulator, statePath, { xuid: ADA.legacyId, xoid: ADA.org, roles: ['org_admin'] }),
  };
  return { app, emulator, env, statePath, tokens };
}

/**
 * Applies the codemod, checks what every run must hold (no failures, listed follow-ups, a second run
 * changes nothing), type-checks the result when the app has a tsconfig, and commits it.
 */
export async function applyCodemod(context: AppContext, mode: CodemodMode, options: { typeCheck?: boolean | 'noEmit' } = {}): Promise<MiddlewareResult> {
  const result = await runMiddlewareCodemod({ workspace: context.app, mode, apply: true });
  expect(result.failures).toEqual([]);
  expect(result.applied).toBe(true);
  const again = await runMiddlewareCodemod({ workspace: context.app, mode });
  expect(again.files.map((file) => file.file)).toEqual([]);
  if (options.typeCheck !== false) typeCheck(context.app, options.typeCheck !== 'noEmit');
  git(context.app, ['add', '-A']);
  git(context.app, ['commit', '-q', '-m', `codemod ${mode}`]);
  return result;
}
