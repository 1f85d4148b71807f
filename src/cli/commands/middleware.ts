import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { CODEMOD_MODES, VERIFY_METHODS, type CodemodMode, type VerifyMethod } from '../../middleware/options.js';
import { nextAfterMiddleware } from '../../mcp/next-steps.js';
import { emitResult } from '../output.js';

interface MiddlewareFlags {
  apply?: boolean;
  mode?: CodemodMode;
  verify?: VerifyMethod;
  force?: boolean;
  workspace?: string;
  package?: string;
  json?: boolean;
  diff: boolean;
}

export function registerMiddlewareCommand(program: Command): void {
  program
    .command('middleware')
    .description("codemod: make the app's token/session validation accept Scalekit tokens (dry run by default: a diff and the follow-ups)")
    .argument('<dir>', 'the application folder')
    .option('--apply', 'write the changes (refused on a git tree with uncommitted changes unless --force)')
    .option('--mode <mode>', 'dual (default: Scalekit and legacy credentials, by AUTH_PROVIDER) or scalekit (remove the legacy path)', choice(CODEMOD_MODES))
    .option('--verify <method>', 'jwks (default) or sdk', choice(VERIFY_METHODS))
    .option('--force', 'write even though the git tree has uncommitted changes')
    .option('--workspace <dir>', 'where .scalekit-migration/ lives (default: the current folder when it contains <dir>, else <dir>)')
    .option('--package <dir>', 'migration package whose roles.ndjson names the legacy roles (default: the one export wrote last)')
    .option('--no-diff', 'leave the diffs out of the human output')
    .option('--json', 'print the result as one JSON document')
    .action(async (dir: string, flags: MiddlewareFlags) => {
      const [{ runMiddlewareCodemod }, { renderMiddlewareResult }] = await Promise.all([import('../../middleware/run-codemod.js'), import('../../middleware/render.js')]);
      const target = resolve(dir);
      const cwd = process.cwd();
      const workspace = flags.workspace ? resolve(flags.workspace) : target === cwd || target.startsWith(cwd + '/') ? cwd : target;
      const result = await runMiddlewareCodemod({ workspace, dir: target, mode: flags.mode, verify: flags.verify, apply: Boolean(flags.apply), force: flags.force, packageDir: flags.package === undefined ? undefined : resolve(flags.package), confine: false });
      emitResult(flags, result, renderMiddlewareResult(result, flags.diff), result.failures.length > 0, nextAfterMiddleware(result, { dir, mode: flags.mode }));
    });
}

function choice<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return value as T;
  };
}
