import type { Command } from 'commander';
import { UserInputError } from '../../errors.js';
import { renderDiagnosis, renderMonitor } from '../../monitor/render.js';
import { emitResult } from '../output.js';

/** `monitor`: exit 1 while switching to AUTH_PROVIDER=scalekit is not safe. */
export function registerMonitorCommand(program: Command): void {
  program
    .command('monitor')
    .description('phase 5: sign-in success and failures by reason from Scalekit, the app\'s token counters, and whether AUTH_PROVIDER=scalekit is safe (exit 1 while not)')
    .option('--since <time>', 'only sign-ins from this time on (ISO 8601)')
    .option('--max-requests <n>', 'read at most this many sign-in attempts (default 10000)', (value) => positiveInt(value, '--max-requests'))
    .option('--json', 'print the result as one JSON document')
    .action(async (flags: { since?: string; maxRequests?: number; json?: boolean }) => {
      const since = flags.since === undefined ? undefined : new Date(flags.since);
      if (since && Number.isNaN(since.getTime())) throw new UserInputError(`--since "${flags.since}" is not a date (use ISO 8601, e.g. 2026-12-03T08:00:00Z)`);
      const { runMonitor } = await import('../../monitor/run-monitor.js');
      const result = await runMonitor({ workspace: process.cwd(), since, maxRequests: flags.maxRequests });
      emitResult(flags, result, renderMonitor(result), !result.switchToScalekit.safe);
    });
}

/** `diagnose-login <email>`: exit 1 when something blocks the user. */
export function registerDiagnoseLoginCommand(program: Command): void {
  program
    .command('diagnose-login <email>')
    .description('why one user can or cannot sign in: user, external_id, memberships, SSO, callback, last attempts (exit 1 when blocked)')
    .option('--redirect-uri <url>', "the app's login callback URL")
    .option('--in <dir>', 'the migration package folder (default: the one export wrote last)')
    .option('--json', 'print the result as one JSON document')
    .action(async (email: string, flags: { redirectUri?: string; in?: string; json?: boolean }) => {
      const { diagnoseLogin } = await import('../../monitor/diagnose-login.js');
      const result = await diagnoseLogin({ workspace: process.cwd(), email, redirectUri: flags.redirectUri, packageDir: flags.in });
      emitResult(flags, result, renderDiagnosis(result), !result.ok);
    });
}

function positiveInt(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UserInputError(`${flag} must be a positive integer, not "${value}"`);
  return number;
}
