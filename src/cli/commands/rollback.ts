import type { Command } from 'commander';
import { resolvePackageDir } from '../../import/package-dir.js';
import { nextAfterRollback } from '../../mcp/next-steps.js';
import { emitResult } from '../output.js';
import { createProgressBar } from '../progress-bar.js';
import { parseCount, parseRate, withInterrupt } from '../run-options.js';
import { quote } from './import.js';

interface RollbackFlags {
  in?: string;
  apply?: boolean;
  force?: boolean;
  rate?: number;
  concurrency?: number;
  json?: boolean;
}

export function registerRollbackCommand(program: Command): void {
  program
    .command('rollback')
    .description("plan (default) or delete exactly what this package's imports created in Scalekit")
    .option('--in <dir>', 'the migration package folder (default: the one export wrote last)')
    .option('--apply', 'delete; without it nothing is deleted')
    .option('--force', 'also delete organizations with other members and roles or permissions still in use')
    .option('--rate <n>', 'requests per second (default 25)', parseRate)
    .option('--concurrency <n>', 'calls in flight at once (default 8)', parseCount)
    .option('--json', 'print the result as one JSON document')
    .action(async (flags: RollbackFlags) => {
      const packageDir = await resolvePackageDir(process.cwd(), flags.in, false);
      const [{ runRollback }, { renderRollbackResult }] = await Promise.all([import('../../import/rollback.js'), import('../../import/render.js')]);
      const bar = createProgressBar();
      const result = await withInterrupt(Boolean(flags.apply), bar, (signal) =>
        runRollback({ packageDir, apply: Boolean(flags.apply), force: flags.force, rate: flags.rate, concurrency: flags.concurrency, signal, progress: bar.listener }),
      );
      bar.finish();
      if (result.run?.interrupted) process.stderr.write(`Interrupted. Finish with: scalekit-migrate rollback --in ${quote(packageDir)} --apply\n`);
      const problems = result.failures.total > 0 || result.blocked.total > 0 || Boolean(result.run?.interrupted);
      emitResult(flags, result, renderRollbackResult(result), problems, nextAfterRollback(result, { packageDir: flags.in, force: flags.force }));
    });
}
