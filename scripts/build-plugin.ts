// Builds plugin/: the Claude Code plugin (and the server Cursor and Windsurf start) that runs with `node` alone.
// Usage: tsx scripts/build-plugin.ts [--out DIR]
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { SKILL_FILES } from '../src/skills/catalog.js';
import { MASTER_SKILL_FOLDER } from '../src/skills/plugin-copies.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1]! : join(root, 'plugin'));
const server = join(out, 'server');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; description: string; license: string };

/** The lib.*.d.ts texts ts-morph embeds (3 MB) move to one brotli file read when the codemod first builds a project. */
const LIB_FILES_BLOB = 'typescript-lib-files.json.br';
const libFilesOutOfLine: Plugin = {
  name: 'lib-files-out-of-line',
  setup(builder) {
    builder.onLoad({ filter: /@ts-morph[\\/]common[\\/]dist[\\/]ts-morph-common\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const match = /\nconst libFiles = (\[[\s\S]*?\]);\n\nfunction getLibFiles\(\) \{\n\s*return libFiles;\n\}/.exec(source);
      if (!match) throw new Error(`${args.path}: the embedded lib files were not found; check this plugin against the installed ts-morph`);
      const libFiles = new Function(`return ${match[1]}`)() as Array<{ fileName: string; text: string }>;
      mkdirSync(server, { recursive: true });
      writeFileSync(join(server, LIB_FILES_BLOB), brotliCompressSync(JSON.stringify(libFiles)));
      const lazy =
        `\nlet libFiles;\nfunction getLibFiles() {\n  libFiles ??= JSON.parse(require('node:zlib').brotliDecompressSync(` +
        `require('node:fs').readFileSync(require('node:path').join(__dirname, '${LIB_FILES_BLOB}'))).toString('utf8'));\n  return libFiles;\n}`;
      return { contents: source.replace(match[0], lazy), loader: 'js' };
    });
  },
};

/** Audit rules are found by listing rules/<ecosystem>/ next to the registry: each becomes its own module there. */
function ruleEntries(): Array<{ in: string; out: string }> {
  const rules = join(root, 'src', 'audit', 'rules');
  const entries: Array<{ in: string; out: string }> = [];
  for (const ecosystem of readdirSync(rules, { withFileTypes: true })) {
    if (!ecosystem.isDirectory()) continue;
    for (const name of readdirSync(join(rules, ecosystem.name))) {
      if (name.endsWith('.ts') && !name.endsWith('.d.ts')) entries.push({ in: join(rules, ecosystem.name, name), out: `${ecosystem.name}/${name.slice(0, -3)}` });
    }
  }
  return entries;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(server, { recursive: true });
await build({
  entryPoints: [{ in: join(root, 'src', 'cli.ts'), out: 'cli' }, { in: join(root, 'src', 'audit', 'engine', 'audit-worker.ts'), out: 'audit-worker' }, ...ruleEntries()],
  outdir: server,
  // Shared code goes to chunks beside cli.js, so the registry and the worker pool find rules/ and the worker where they look.
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // better-sqlite3 is native: loaded on first export when installed beside the plugin, otherwise export says how to get it.
  external: ['better-sqlite3', 'pg-native'],
  // CommonJS dependencies (TypeScript among them) expect require, __filename and __dirname.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join(' '),
  },
  plugins: [libFilesOutOfLine],
  logLevel: 'warning',
});

const write = (path: string, text: string) => {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  writeFileSync(join(out, path), text);
};
// The server finds its skill texts and version through the nearest package.json named scalekit-migrate.
write('package.json', JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: 'module', description: pkg.description, license: pkg.license }, null, 2) + '\n');
const plugin = JSON.parse(readFileSync(join(root, 'plugin-src', '.claude-plugin', 'plugin.json'), 'utf8')) as Record<string, unknown>;
write('.claude-plugin/plugin.json', JSON.stringify({ ...plugin, name: pkg.name, version: pkg.version }, null, 2) + '\n');
cpSync(join(root, 'plugin-src', '.mcp.json'), join(out, '.mcp.json'));
// The folder is also a marketplace of its own, for the release branch and for `marketplace add` of a built folder.
const marketplace = JSON.parse(readFileSync(join(root, '.claude-plugin', 'marketplace.json'), 'utf8')) as { plugins: Array<Record<string, unknown>> };
write('.claude-plugin/marketplace.json', JSON.stringify({ ...marketplace, plugins: marketplace.plugins.map((entry) => ({ ...entry, source: './' })) }, null, 2) + '\n');
for (const file of [...SKILL_FILES, ...readdirSync(join(root, MASTER_SKILL_FOLDER)).map((name) => `${MASTER_SKILL_FOLDER}/${name}`)]) {
  mkdirSync(dirname(join(out, file)), { recursive: true });
  cpSync(join(root, file), join(out, file));
}
console.log(`plugin built in ${relative(process.cwd(), out) || '.'}`);
