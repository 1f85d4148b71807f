import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { UserInputError } from '../errors.js';
import { isWithin } from '../workspace/confine.js';
import { MIGRATION_DIR_NAME } from '../workspace/paths.js';
import { ARTEFACTS_DIR_NAME, ARTEFACT_URI_PREFIX } from './artefact-files.js';

/**
 * What a resource may serve: the artefacts results name and the audit's reports. Never the migration
 * package (emails), the hash side file or the journals, which live in the same folder.
 */
const SERVABLE = new RegExp(`(?:^|/)${MIGRATION_DIR_NAME.replace('.', '\\.')}/(?:${ARTEFACTS_DIR_NAME}/[^/]+|audit\\.(?:md|json|sarif))$`);

/** Serves the files tool results name (diffs, generated modules, full reports) to clients that read resources. */
export function registerArtefactResources(server: McpServer, root: string): void {
  server.registerResource(
    'migration-artefacts',
    new ResourceTemplate(`${ARTEFACT_URI_PREFIX}{+path}`, { list: async () => ({ resources: await listArtefacts(root) }) }),
    { title: 'Migration artefacts', description: 'Files a tool result names instead of inlining them: diffs, generated modules, full reports.' },
    async (uri, variables) => {
      const path = String(Array.isArray(variables.path) ? variables.path.join('/') : variables.path);
      const text = await readArtefact(root, path);
      return { contents: [{ uri: uri.href, mimeType: mimeType(path), text }] };
    },
  );
}

export async function readArtefact(root: string, path: string): Promise<string> {
  const decoded = decodeURIComponent(path);
  if (!SERVABLE.test(decoded)) throw new UserInputError(`${decoded} is not a migration artefact (only ${MIGRATION_DIR_NAME}/${ARTEFACTS_DIR_NAME}/* and the audit reports are served)`);
  const real = await realpath(join(root, decoded)).catch(() => {
    throw new UserInputError(`no artefact ${decoded} under ${root}`);
  });
  if (!isWithin(await realpath(root), real)) throw new UserInputError(`${decoded} resolves outside the server's root`);
  return readFile(real, 'utf8');
}

async function listArtefacts(root: string): Promise<Array<{ uri: string; name: string; mimeType: string; size: number }>> {
  const dir = join(root, MIGRATION_DIR_NAME);
  const candidates = [
    ...['audit.md', 'audit.json', 'audit.sarif'].map((name) => join(dir, name)),
    ...(await readdir(join(dir, ARTEFACTS_DIR_NAME)).catch(() => [] as string[])).filter((name) => !name.startsWith('.')).map((name) => join(dir, ARTEFACTS_DIR_NAME, name)),
  ];
  const found = await Promise.all(candidates.map(async (path) => ({ path, info: await stat(path).catch(() => undefined) })));
  return found
    .filter((entry) => entry.info?.isFile())
    .map(({ path, info }) => {
      const rel = relative(root, path).split(sep).join('/');
      return { uri: ARTEFACT_URI_PREFIX + rel, name: rel, mimeType: mimeType(rel), size: info!.size };
    });
}

function mimeType(path: string): string {
  if (path.endsWith('.md')) return 'text/markdown';
  if (path.endsWith('.json') || path.endsWith('.sarif')) return 'application/json';
  if (path.endsWith('.diff')) return 'text/x-diff';
  return 'text/plain';
}
