import type { Command } from 'commander';
import { resolvePackageDir } from '../../import/package-dir.js';
import { renderImportResult } from '../../import/render.js';
import { runImport } from '../../import/run-import.js';
import { emitResult } from '../output.js';
import { parseCount, parseRate, withInterrupt } from '../run-options.js';
import { createProgressBar } from '../progress-bar.js';

interface ImportFlags {
  in?: string;
  apply?: boolean;
  rate?: number;
  concurrency?: number;
  force?: boolean;
  json?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('plan (default) or apply the import of a migration package into Scalekit (SCALEKIT_* variables)')
    .option('--in <dir>', 'the migration package folder (default: the one export wrote last)')
    .option('--apply', 'write to Scalekit; without it nothing is written')
    .option('--rate <n>', 'requests per second (default 25)', parseRate)
    .option('--concurrency <n>', 'calls in flight at once (default 8)', parseCount)
    .option('--force', 'continue a journal that was started with a different version of the package')
    .option('--json', 'print the result as one JSON document')
    .action(async (flags: ImportFlags) => {
      const packageDir = await resolvePackageDir(process.cwd(), flags.in, false);
      const bar = createProgressBar();
      const result = await withInterrupt(Boolean(flags.apply), bar, (signal) =>
        runImport({
          packageDir,
          apply: Boolean(flags.apply),
          rate: flags.rate,
          concurrency: flags.concurrency,
          force: flags.force,
          signal,
          progress: bar.listener,
        }),
      );
      bar.finish();
      if (result.run?.interrupted) {
        process.stderr.write(`Interrupted. Resume with: scalekit-migrate import --in ${quote(packageDir)} --apply\n`);
      }
      const problems = result.conflicts.total > 0 || result.failures.total > 0 || Boolean(result.run?.interrupted);
      emitResult(flags, result, renderImportResult(result), problems);
    });
}

export function quote(path: string): string {
  return /^[\w./@:-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
