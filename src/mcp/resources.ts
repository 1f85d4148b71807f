import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SKILL_FILES, readSkill } from '../skills/catalog.js';

/**
 * Serves every skill text as a markdown resource at a stable skill:// URI.
 * A file missing from a broken install is left out here; the checklist's skills item names it.
 */
export async function registerSkillResources(server: McpServer): Promise<void> {
  const skills = await Promise.all(SKILL_FILES.map((path) => readSkill(path).catch(() => undefined)));
  for (const skill of skills) {
    if (!skill) continue;
    server.registerResource(
      skill.name,
      skill.uri,
      { title: skill.path, description: skill.description, mimeType: 'text/markdown' },
      async (uri) => {
        const current = await readSkill(skill.path);
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: current.text }] };
      },
    );
  }
}
