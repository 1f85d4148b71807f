import { readAppCounters } from '../../monitor/app-counters.js';
import type { AutomaticCheck } from './types.js';

/**
 * Item `redirects-roles.test-login`: the app accepted a Scalekit token of a migrated user (one
 * carrying the legacy id, xuid), as the generated auth module records it in the workspace.
 */
export const testLoginCheck: AutomaticCheck = async ({ workspace }) => {
  const counters = await readAppCounters(workspace);
  if (!counters) {
    return { ok: false, detail: 'no Scalekit sign-in seen by the app yet: run it with AUTH_PROVIDER=dual and sign in as a migrated user (the generated module records it under .scalekit-migration/auth-counters/)' };
  }
  const first = counters.firstSignIn;
  if (!first) return { ok: false, detail: `the app ran (${counters.processes} process(es)) but accepted no Scalekit token yet` };
  if (!first.migrated) return { ok: false, detail: `the app accepted Scalekit tokens, but none of a migrated user (no xuid: sign in as an imported user)` };
  return { ok: true, detail: `the app accepted a migrated user's Scalekit token (${first.sub}) at ${first.at}` };
};
