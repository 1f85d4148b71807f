import { describe, expect, it } from 'vitest';
import { commandLine, renderNextForCli } from '../../src/cli/next-command.js';
import { renderNextForTool } from '../../src/mcp/next-step.js';

describe('the next line, phrased for each interface', () => {
  const approve = { ask: 'approve this plan (creates and updates above)?', tool: 'importOrgs', arguments: { packageDir: 'exports/v2', confirm: true, planDigest: 'ab'.repeat(32) } };

  it('names the tool and its arguments over MCP, and never a flag', () => {
    const line = renderNextForTool(approve);
    expect(line).toBe(`Next: ask the user: approve this plan (creates and updates above)? Then call \`importOrgs\` with {"packageDir":"exports/v2","confirm":true,"planDigest":"${'ab'.repeat(32)}"}.`);
    expect(line).not.toMatch(/--\w/);
  });

  it('names the command with its flags in the CLI', () => {
    expect(renderNextForCli(approve)).toBe(`Next: Approve this plan (creates and updates above)? Then run \`scalekit-migrate import --in exports/v2 --apply --plan-digest ${'ab'.repeat(32)}\`.`);
    expect(commandLine('updateMiddleware', { dir: 'apps/api', mode: 'dual', confirm: true })).toBe('scalekit-migrate middleware apps/api --mode dual --apply');
    expect(commandLine('importOrgs', { emailPolicy: 'invite', includeInactive: true })).toBe('scalekit-migrate import --unverified-emails invite --include-inactive');
    expect(commandLine('checklist', { updates: [{ id: 'import.rollback-rehearsed', status: 'skipped', note: 'done on staging' }] })).toBe(
      "scalekit-migrate checklist --skip import.rollback-rehearsed --note 'done on staging'",
    );
    expect(commandLine('exportUsers', { source: 'sqlite', url: 'data/app.db', mappingOnly: true })).toBe('scalekit-migrate export --source sqlite --url data/app.db --mapping-only');
  });
});
