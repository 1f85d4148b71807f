import { readFile } from 'node:fs/promises';
import { errorMessage } from '../../errors.js';
import { monitorResultPath, monitorResultSchema } from '../../monitor/monitor-result.js';
import type { AutomaticCheck } from './types.js';

/**
 * Item `deploy-monitor.monitor`: the last monitorCutover run (`.scalekit-migration/monitor.json`)
 * said the switch to AUTH_PROVIDER=scalekit is safe; otherwise its reasons.
 */
export const cutoverMonitoredCheck: AutomaticCheck = async ({ workspace }) => {
  let text: string;
  try {
    text = await readFile(monitorResultPath(workspace), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, detail: 'not monitored yet: call monitorCutover once AUTH_PROVIDER=dual is deployed' };
    return { ok: false, detail: `cannot read ${monitorResultPath(workspace)}: ${errorMessage(error)}` };
  }
  const parsed = monitorResultSchema.safeParse(JSON.parse(text));
  if (!parsed.success) return { ok: false, detail: `${monitorResultPath(workspace)} is not a monitorCutover result` };
  const r = parsed.data;
  const rate = r.signIns.successRate === null ? 'n/a' : `${(r.signIns.successRate * 100).toFixed(1)}%`;
  const figures = `${r.signIns.total} sign-ins, success ${rate}, legacy share ${r.app?.legacyShare == null ? 'n/a' : `${(r.app.legacyShare * 100).toFixed(1)}%`} (${r.checkedAt})`;
  return r.switchToScalekit.safe
    ? { ok: true, detail: `monitored: ${figures}; the switch is safe` }
    : { ok: false, detail: `monitored: ${figures}; not yet: ${r.switchToScalekit.reasons.join('; ')}` };
};
