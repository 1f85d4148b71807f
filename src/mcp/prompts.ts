import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { readSkill } from '../skills/catalog.js';

export const MIGRATE_PROMPT = 'migrate-to-scalekit';

/** For clients without skills: the master skill as a prompt that starts the phased migration. */
export function registerMigratePrompt(server: McpServer): void {
  server.registerPrompt(
    MIGRATE_PROMPT,
    {
      title: 'Migrate to Scalekit',
      description: "Walks the five phases of moving this application's authentication to Scalekit, tool by tool.",
      argsSchema: {
        workspace: z.string().optional().describe("The application's root folder (defaults to the server's folder)."),
        phase: z.string().optional().describe('Resume at this phase, e.g. "import" (defaults to what the checklist says).'),
      },
    },
    async ({ workspace, phase }) => {
      const master = await readSkill('SKILL.md');
      const where = workspace ? ` in the workspace ${workspace}` : '';
      const start = phase
        ? `Resume at the "${phase}" phase after reading the checklist.`
        : 'Start with the phase the checklist names as current.';
      return {
        description: 'Phased migration to Scalekit',
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text:
                `Migrate this application's authentication to Scalekit${where}. Call the \`checklist\` tool first. ${start} ` +
                'Follow the guide below step by step; stop and ask me before anything that writes to Scalekit or to the code.\n\n' +
                master.text,
            },
          },
        ],
      };
    },
  );
}
