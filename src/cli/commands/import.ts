import type { Command } from 'commander';
import { resolvePackageDir } from '../../import/package-dir.js';
import { UserInputError } from '../../errors.js';
import { EMAIL_POLICIES, type EmailPolicy } from '../../import/plan.js';
import { nextAfterImport } from '../../mcp/next-steps.js';
import { emitResult } from '../output.js';
import { parseCount, parseRate, withInterrupt } from '../run-options.js';
import { createProgressBar } from '../progress-bar.js';

interface ImportFlags {
  in?: string;
  apply?: boolean;
  rate?: number;
  concurrency?: number;
  force?: boolean;
  planDigest?: string;
  withoutPlan?: boolean;
  unverifiedEmails?: string;
  includeInactive?: boolean;
  json?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('plan (default) or apply the import of a migration package into Scalekit (SCALEKIT_* variables)')
    .option('--in <dir>', 'the migration package folder (default: the one export wrote last)')
    .option('--apply', 'write to Scalekit; without it nothing is written')
    .option('--rate <n>', 'cap in requests per second per endpoint (default: the limits Scalekit announces; 25 if none)', parseRate)
    .option('--unverified-emails <policy>', 'new users with email_verified false: invite (Scalekit emails them), skip, or verified; required to apply when there are any')
    .option('--include-inactive', 'also import users whose source status is not active (flagged with metadata legacy_status)')
    .option('--concurrency <n>', 'calls in flight at once (default 8)', parseCount)
    .option('--force', 'continue a journal that was started with a different version of the package')
    .option('--plan-digest <sha256>', 'with --apply: the package digest the reviewed plan showed; refused if the package changed since')
    .option('--without-plan', 'with --apply: apply although no plan was made for this package (otherwise refused)')
    .option('--json', 'print the result as one JSON document')
    .action(async (flags: ImportFlags) => {
      const emailPolicy = parseEmailPolicy(flags.unverifiedEmails);
      const packageDir = await resolvePackageDir(process.cwd(), flags.in, false);
      const [{ runImport }, { renderImportResult }] = await Promise.all([import('../../import/run-import.js'), import('../../import/render.js')]);
      const bar = createProgressBar();
      const result = await withInterrupt(Boolean(flags.apply), bar, (signal) =>
        runImport({
          packageDir,
          apply: Boolean(flags.apply),
          rate: flags.rate,
          concurrency: flags.concurrency,
          force: flags.force,
          planDigest: flags.planDigest,
          requirePlan: true,
          withoutPlan: flags.withoutPlan,
          emailPolicy,
          includeInactive: flags.includeInactive,
          signal,
          progress: bar.listener,
        }),
      );
      bar.finish();
      if (result.run?.interrupted) {
        process.stderr.write(`Interrupted. Resume with: scalekit-migrate import --in ${quote(packageDir)} --apply\n`);
      }
      const problems = result.conflicts.total > 0 || result.failures.total > 0 || Boolean(result.run?.interrupted);
      const next = nextAfterImport(result, { packageDir: flags.in, emailPolicy, includeInactive: flags.includeInactive, rate: flags.rate, concurrency: flags.concurrency });
      emitResult(flags, result, renderImportResult(result), problems, next);
    });
}

export function parseEmailPolicy(value: string | undefined): EmailPolicy | undefined {
  if (value === undefined) return undefined;
  if (!(EMAIL_POLICIES as readonly string[]).includes(value)) {
    throw new UserInputError(`--unverified-emails must be one of ${EMAIL_POLICIES.join(', ')} (got "${value}")`);
  }
  return value as EmailPolicy;
}

export function quote(path: string): string {
  return /^[\w./@:-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
