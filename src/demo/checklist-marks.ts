import type { ItemUpdate } from '../checklist/run.js';
import type { DemoResult, ProtectedCall } from './result.js';

const note = (text: string) => `scalekit-migrate demo: ${text}`;

/**
 * The checklist items the demo did that no automatic check decides, each with a note saying what it saw.
 * Items a check decides (import plan and apply, redirects, codemod runs, …) tick themselves from the files
 * and the environment the tools left. Items it did not see done stay open.
 */
export function demoChecklistMarks(result: DemoResult): ItemUpdate[] {
  const marks: ItemUpdate[] = [];
  const calls = result.protectedCalls;
  const saw = (authProvider: ProtectedCall['authProvider'], credential: ProtectedCall['credential'], status: number) =>
    calls.some((call) => call.authProvider === authProvider && call.credential === credential && call.status === status && call.status === call.expected);
  if (result.export) marks.push({ id: 'audit-export.rejects', status: 'done', note: note(`the ${result.export.rejects} rejects are the sample's deliberately dirty rows, accepted`) });
  // redirects-roles.test-login is not marked: its check reads the first Scalekit sign-in the app itself recorded.
  const dualTested = saw('dual', 'scalekit', 200) && saw('dual', 'legacy', 200) && saw('dual', 'forged', 401);
  if (dualTested) marks.push({ id: 'app-code.tests', status: 'done', note: note('protected route: 200 to a Scalekit and to a legacy token in dual mode, 401 to a forged one') });
  if (dualTested && saw('scalekit', 'legacy', 401) && saw('legacy', 'scalekit', 401)) {
    marks.push({ id: 'backup.rollback-flag', status: 'done', note: note('AUTH_PROVIDER=legacy refuses Scalekit tokens and =scalekit legacy ones') });
  }
  if (calls.some((call) => call.credential === 'legacy' && call.authProvider === undefined && call.status === 200)) {
    marks.push({ id: 'backup.sample-token', status: 'done', note: note('a legacy token was taken before the migration and reused after it (kept in memory only)') });
  }
  return marks;
}
