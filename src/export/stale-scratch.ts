import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { processRunning } from '../fs/process-running.js';

/** Working files an export leaves in the package folder while it runs: `.staging-PID-x.sqlite`, `.tag-PID-x.tmp`. */
const SCRATCH = /^\.(?:staging-(\d+)-[0-9a-f]+\.sqlite|[\w.-]+?-(\d+)-[0-9a-f]{8}\.tmp|[\w.-]+-[0-9a-f]{8}\.tmp)$/;

/**
 * Removes what an export killed before its cleanup (kill -9, power loss) left in the package
 * folder: scratch files whose process is gone. Files of a live export are left alone. Returns how
 * many were removed.
 */
export function removeStaleScratch(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = SCRATCH.exec(name);
    if (!match) continue;
    const pid = Number(match[1] ?? match[2] ?? 0);
    if (pid !== 0 && (pid === process.pid || processRunning(pid))) continue;
    rmSync(join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}

