import type { Command } from 'commander';
import { resolvePackageDir } from '../../import/package-dir.js';
import { nextAfterVerify } from '../../mcp/next-steps.js';
import { emitResult } from '../output.js';
import { createProgressBar } from '../progress-bar.js';
import { parseRate } from '../run-options.js';

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('compare a migration package with Scalekit field by field (exit 1 on any mismatch)')
    .option('--in <dir>', 'the migration package folder (default: the one export wrote last)')
    .option('--rate <n>', 'read requests per second (default 25)', parseRate)
    .option('--json', 'print the result as one JSON document')
    .action(async (flags: { in?: string; rate?: number; json?: boolean }) => {
      const [{ runVerify }, { renderVerifyResult }] = await Promise.all([import('../../import/verify.js'), import('../../import/render.js')]);
      const bar = createProgressBar();
      const result = await runVerify({ packageDir: await resolvePackageDir(process.cwd(), flags.in, false), rate: flags.rate, progress: bar.listener });
      bar.finish();
      emitResult(flags, result, renderVerifyResult(result), !result.ok, nextAfterVerify(result, { packageDir: flags.in }));
    });
}
