import { InvalidArgumentError, Option, type Command } from 'commander';
import { renderExportSummary } from '../../export/render.js';
import { exportUsers } from '../../export/run-export.js';
import { SOURCE_KINDS, SQL_PRESETS, exportOptionsSchema } from '../../export/options.js';
import { UserInputError } from '../../errors.js';
import { nextAfterExport } from '../../mcp/next-steps.js';
import { emitResult } from '../output.js';

interface ExportFlags {
  json?: boolean;
  workspace: string;
  confine?: boolean;
  [key: string]: unknown;
}

function positiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return number;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export users, organizations, roles and memberships into a migration package')
    .addOption(new Option('--source <kind>', 'where users come from').choices([...SOURCE_KINDS]).makeOptionMandatory())
    .option('--url <url>', 'sqlite: database file; postgres: postgres:// URL (prefer PGPASSWORD for the password)')
    .option('--file <path>', 'the export file (auth0, firebase, cognito, clerk, keycloak, json, csv)')
    .option('--mapping <file>', 'JSON mapping: database tables/queries and columns, or json/csv columns')
    .addOption(new Option('--preset <layout>', 'database layout').choices([...SQL_PRESETS]))
    .option('--data-model <file>', "the audit's audit.json (default: .scalekit-migration/audit.json when present)")
    .option('--mapping-only', 'database sources: print the proposed mapping and write nothing')
    .option('--out <dir>', 'package folder (default .scalekit-migration/package in the workspace)')
    .option('--force', 'replace an earlier package in --out')
    .option('--include-password-hashes', 'also write password_hashes.ndjson (only when asked for)')
    .option('--skip-inactive', 'reject inactive, blocked, deleted and unconfirmed users instead of exporting them with a status')
    .option('--default-org <id[=name]>', 'organization for users who have none')
    .option('--org-per-user', 'a personal organization for each user who has none')
    .option('--reject-metadata-overflow', 'reject users whose attributes exceed the metadata limits')
    .option('--organizations-file <file>', 'auth0: organizations with their members')
    .option('--password-hashes-file <file>', "auth0: the password hash export from Auth0 support")
    .option('--groups-as-organizations', 'keycloak: top-level groups are organizations')
    .option('--hash-key <base64>', "firebase: the project's base64_signer_key")
    .option('--salt-separator <base64>', 'firebase: base64_salt_separator')
    .option('--rounds <n>', 'firebase: scrypt rounds', positiveInt)
    .option('--mem-cost <n>', 'firebase: scrypt mem_cost', positiveInt)
    .option('--workspace <dir>', 'the application workspace: .scalekit-migration/ lives there, relative paths start there', process.cwd())
    .option('--confine', 'refuse --url, --file, --mapping, --data-model, --out paths outside the workspace (as the MCP tool always does)')
    .option('--json', 'print the result as one JSON document')
    .action(async (flags: ExportFlags) => {
      const { json, workspace, confine, ...rest } = flags;
      const parsed = exportOptionsSchema.safeParse(rest);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UserInputError(`export: ${issue?.path.join('.') || 'options'}: ${issue?.message}`);
      }
      const options = parsed.data;
      let last = 0;
      const result = await exportUsers(options, {
        workspace,
        confine: Boolean(confine),
        onProgress: (done, message) => {
          if (Date.now() - last < 1000 && message.startsWith('read')) return;
          last = Date.now();
          process.stderr.write(`export: ${message}\n`);
        },
      });
      emitResult({ json }, result, renderExportSummary(result), result.counts.rejects > 0 || !result.countsAddUp, nextAfterExport(result, options));
    });
}
