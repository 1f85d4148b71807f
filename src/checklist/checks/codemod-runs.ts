import { readMiddlewareResult } from '../../middleware/result-file.js';
import { readCodemodRun } from '../../middleware/run-record.js';
import type { AutomaticCheck } from './types.js';

/** "Review the codemod diff (dry run)": updateMiddleware ran without confirm and could rewrite every file it meant to. */
export const codemodDryRunCheck: AutomaticCheck = async ({ workspace }) => {
  const saved = await readMiddlewareResult(workspace, 'dry-run');
  if (!saved) return { ok: false, detail: 'no updateMiddleware dry run yet: run it without confirm and show the diff' };
  const s = saved.result.summary;
  if (s.failures) return { ok: false, detail: `dry run of ${saved.savedAt} (${saved.result.mode}): ${s.failures} transform failure(s)` };
  return { ok: true, detail: `dry run of ${saved.savedAt} (${saved.result.mode}): ${s.filesChanged} files in the diff, ${s.followUps} follow-ups` };
};

/** "Apply the codemod in dual mode": its run record says it wrote (dual, or scalekit after the switch) without failures. */
export const codemodAppliedCheck: AutomaticCheck = async ({ workspace }) => {
  const run = await readCodemodRun(workspace);
  if (!run) return { ok: false, detail: 'updateMiddleware has not written yet: run it with mode "dual" and confirm: true' };
  const saved = await readMiddlewareResult(workspace, 'apply').catch(() => undefined);
  const failures = saved?.result.summary.failures ?? 0;
  if (failures) return { ok: false, detail: `applied ${run.mode} on ${run.appliedAt} with ${failures} transform failure(s)` };
  return { ok: true, detail: `applied in ${run.mode} mode on ${run.appliedAt} to ${run.dir}: ${run.changedFiles.length} files written` };
};
