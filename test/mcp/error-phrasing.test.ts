import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { argumentsForFlags } from '../../src/mcp/register-tools.js';
import { connectInMemory, textOf } from '../helpers/mcp.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('errors over MCP name tool arguments, not CLI flags', () => {
  it('renames a flag that is one of the tool\'s arguments and ends with the next step', async () => {
    const { client, close } = await connectInMemory({ root: tempDir() });
    const result = (await client.callTool({ name: 'exportUsers', arguments: { source: 'sqlite' } })) as CallToolResult;
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('`url`');
    expect(text).not.toMatch(/--url\b/);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^Next: ask the user: how to fix the input named above\? Then call `exportUsers`/);
    await close();
  });

  it('leaves flags that are no argument of the tool as they are', () => {
    expect(argumentsForFlags('give a mapping file (--mapping) or --data-model, not --unverified-emails', ['mapping', 'dataModel'])).toBe(
      'give a mapping file (`mapping`) or `dataModel`, not --unverified-emails',
    );
  });
});
