import { nextAfterAudit } from '../../mcp/next-steps.js';
import { withNextLine } from '../../mcp/next-step.js';
import { renderNextForCli } from '../next-command.js';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { UserInputError } from '../../errors.js';
import { EXIT_OK } from '../output.js';

interface AuditFlags {
  json?: boolean;
  sarif?: boolean;
  markdown?: boolean;
  reports: boolean;
  workspace?: string;
  workers?: number;
  maxFileSize?: number;
}

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('static audit of every auth touchpoint; writes audit.json, audit.md and audit.sarif to <workspace>/.scalekit-migration/')
    .argument('<dir>', 'the folder to audit')
    .option('--json', 'print the full audit as one JSON document ({ root, filesScanned, durationMs, findings[], summary, dataModel, ... })')
    .option('--sarif', 'print the audit as SARIF 2.1.0')
    .option('--markdown', 'print the markdown report (grouped by AUDIT-CHECKLIST.md sections)')
    .option('--workspace <dir>', 'where .scalekit-migration/ lives (default: the audited folder)')
    .option('--no-reports', 'do not write the report files')
    .option('--workers <n>', 'worker threads (0 = analyze in the main thread; default: by tree size and cores)', integer)
    .option('--max-file-size <bytes>', 'skip files larger than this (default 1048576)', integer)
    .action(async (dir: string, flags: AuditFlags) => {
      const formats = [flags.json && '--json', flags.sarif && '--sarif', flags.markdown && '--markdown'].filter(Boolean);
      if (formats.length > 1) throw new UserInputError(`choose one output format, not ${formats.join(' and ')}`);
      // Loaded on use, so other commands start without the TypeScript parser and the rules.
      const { runAudit, writeAuditReports, auditReportPaths, renderJson, renderSarif, renderMarkdown, loadChecklistSections, renderToolText, summarizeForTool } = await import(
        '../../audit/index.js'
      );
      const report = await runAudit({ root: dir, workers: flags.workers, maxFileBytes: flags.maxFileSize });
      const workspace = flags.workspace ?? report.root;
      const paths = flags.reports ? await writeAuditReports(workspace, report) : auditReportPaths(workspace);
      let output: string;
      if (flags.json) output = renderJson(report);
      else if (flags.sarif) output = renderSarif(report);
      else if (flags.markdown) output = renderMarkdown(report, await loadChecklistSections());
      else output = withNextLine(renderToolText(summarizeForTool(report, paths)), renderNextForCli(nextAfterAudit())) + '\n';
      process.stdout.write(output);
      process.stderr.write(
        `scalekit-migrate audit: ${report.summary.total} findings in ${report.filesScanned} files (${report.skipped.length} skipped) in ${report.durationMs} ms` +
          (flags.reports ? `; reports in ${paths.markdown.replace(/audit\.md$/, '')}\n` : '\n'),
      );
      process.exitCode = EXIT_OK;
    });
}

function integer(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return number;
}
