import type { ProgressEvent, ProgressListener } from '../import/progress.js';
import type { ToolContext } from './tool.js';

const PROGRESS_INTERVAL_MS = 250;
const RETRY_LOG_INTERVAL_MS = 2000;

/**
 * Turns a core run's progress events into MCP progress notifications (a single counter that only
 * grows, across phases, as the protocol requires) and log messages, throttled so a 100,000-user
 * import does not flood the client.
 */
export function toolProgress(context: ToolContext): ProgressListener {
  let completedPhases = 0;
  let phaseDone = 0;
  let knownTotal = 0;
  let phase = '';
  let lastSent = 0;
  let lastRetryLog = 0;
  let retriesSinceLog = 0;
  const send = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastSent < PROGRESS_INTERVAL_MS) return;
    lastSent = now;
    const done = completedPhases + phaseDone;
    context.progress(done, knownTotal > 0 ? Math.max(knownTotal, done) : undefined, `${phase} ${phaseDone}`).catch(() => undefined);
  };
  const log = (level: 'info' | 'warning', message: string) => void context.log(level, message).catch(() => undefined);
  return (event: ProgressEvent) => {
    switch (event.kind) {
      case 'phase':
        completedPhases += phaseDone;
        phaseDone = 0;
        phase = event.phase;
        knownTotal += event.total ?? 0;
        log('info', event.total !== undefined ? `${event.phase}: ${event.total} to go through` : `${event.phase}`);
        send(true);
        return;
      case 'advance':
        phaseDone = event.done;
        send(event.total !== undefined && event.done >= event.total);
        return;
      case 'retry': {
        retriesSinceLog += 1;
        const now = Date.now();
        if (now - lastRetryLog >= RETRY_LOG_INTERVAL_MS) {
          log('warning', `retrying (${retriesSinceLog} since the last message): ${event.message}`);
          lastRetryLog = now;
          retriesSinceLog = 0;
        }
        return;
      }
      case 'log':
        log(event.level, event.message);
        return;
    }
  };
}
