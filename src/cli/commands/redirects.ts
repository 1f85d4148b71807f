import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { emitResult } from '../output.js';

interface RedirectsFlags {
  baseUrl: string[];
  environmentType?: 'development' | 'production';
  callbackPath?: string;
  loginPath?: string;
  postLogoutPath?: string;
  apply?: boolean;
  rollback?: boolean;
  workspace?: string;
  json?: boolean;
}

export function registerRedirectsCommand(program: Command): void {
  program
    .command('redirects')
    .description("plan (default), apply or roll back the Scalekit client's callback, post-logout and initiate-login URLs for the app")
    .option('--base-url <url>', 'public base URL of the app in this environment (repeat for several)', (value: string, all: string[]) => [...all, value], [])
    .option('--environment-type <type>', 'development (http on localhost, wildcards) or production (default)', (value: string) => {
      if (value !== 'development' && value !== 'production') throw new InvalidArgumentError('expected development or production');
      return value;
    })
    .option('--callback-path <path>', "the app's callback route (default: read from the audit, beside the login route)")
    .option('--login-path <path>', 'the route that starts a login (the initiate-login URL)')
    .option('--post-logout-path <path>', 'where the browser lands after logout (default /)')
    .option('--apply', 'apply the plan (journaled in .scalekit-migration/redirects.ndjson)')
    .option('--rollback', 'remove what earlier applies added, put the initiate-login URL back')
    .option('--workspace <dir>', 'where .scalekit-migration/ lives (default: the current folder)')
    .option('--json', 'print the result as one JSON document')
    .action(async (flags: RedirectsFlags) => {
      const [{ runConfigureRedirects }, { renderRedirectsResult }] = await Promise.all([import('../../redirects/run-redirects.js'), import('../../redirects/render.js')]);
      const result = await runConfigureRedirects({
        workspace: resolve(flags.workspace ?? '.'),
        baseUrls: flags.baseUrl,
        environmentType: flags.environmentType,
        callbackPath: flags.callbackPath,
        loginPath: flags.loginPath,
        postLogoutPath: flags.postLogoutPath,
        confirm: flags.apply,
        rollback: flags.rollback,
      });
      emitResult(flags, result, renderRedirectsResult(result), result.refused.length > 0);
    });
}
