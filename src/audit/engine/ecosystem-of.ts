import type { Ecosystem } from '../categories.js';

const BY_EXTENSION: Record<string, Ecosystem> = {
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  ts: 'javascript', tsx: 'javascript', mts: 'javascript', cts: 'javascript', vue: 'javascript',
  prisma: 'prisma',
  sql: 'sql',
  py: 'python',
  go: 'go',
  java: 'java', kt: 'java', kts: 'java',
  php: 'php',
  rb: 'ruby', rake: 'ruby', erb: 'ruby', haml: 'ruby', slim: 'ruby',
};

/** Globs of every file the audit reads (relative to the root). */
export const SOURCE_GLOBS: readonly string[] = [
  `**/*.{${Object.keys(BY_EXTENSION).join(',')}}`,
  '**/.env',
  '**/.env.*',
  '**/env.example',
  '**/env-example*',
  '**/*.env.example',
  '**/example.env',
  '**/application*.{yml,yaml,properties}',
  '**/*.env',
  '**/{config,conf}/*.{yml,yaml,ini,toml}',
];

/** The rule family that reads a file, from its name; undefined for files the audit does not read. */
export function ecosystemOf(path: string): Ecosystem | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === '.env' || name.startsWith('.env.') || /^(?:env[.-]example[\w.-]*|[\w-]+\.env\.example|example\.env)$/.test(name)) return 'config';
  if (/^application[\w-]*\.(?:ya?ml|properties)$/.test(name)) return 'config';
  if (name.endsWith('.env') || /(?:^|\/)conf(?:ig)?\/[^/]+\.(?:ya?ml|ini|toml)$/.test(path)) return 'config';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(BY_EXTENSION, extension) ? BY_EXTENSION[extension] : undefined;
}
