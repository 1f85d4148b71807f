import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import fg from 'fast-glob';

/**
 * The path prefix an Express router file is mounted under (`app.use('/auth', authRoutes(db))`), found by
 * reading the files that import it, and the files that mount those, up to five levels. The audit reports
 * router-relative paths (`/login`); the URL Scalekit needs is the full one (`/auth/login`). Only literal
 * prefixes are read.
 */
export async function mountPrefix(root: string, routerFile: string, depth = 0): Promise<{ prefix: string; at?: string }> {
  const file0 = basename(routerFile).replace(/\.(?:[cm]?[jt]sx?)$/, '');
  // An index file is imported by its folder's name.
  const stem = file0 === 'index' ? basename(dirname(routerFile)) : file0;
  const files = await fg(['**/*.{js,mjs,cjs,ts,mts,cts}'], { cwd: root, ignore: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.scalekit-migration/**'], onlyFiles: true });
  const aliases = await pathAliases(root);
  for (const file of files.slice(0, 5000)) {
    if (file === routerFile) continue;
    const text = await readFile(join(root, file), 'utf8').catch(() => '');
    if (!text.includes(stem) || !text.includes('.use(')) continue;
    for (const name of importedNames(text, file, routerFile, aliases)) {
      const mount = new RegExp(`\\.use\\(\\s*['"\`](/[^'"\`]*)['"\`]\\s*,\\s*(?:[\\w.]+\\s*,\\s*)*${name}\\b`).exec(text);
      if (!mount) continue;
      const here = { prefix: mount[1]!.replace(/\/+$/, ''), at: `${file}:${text.slice(0, mount.index).split('\n').length}` };
      // The mounting file may itself be a router mounted elsewhere (app.use('/api', api); api.use('/auth', auth)).
      const outer: { prefix: string; at?: string } = depth < 4 ? await mountPrefix(root, file, depth + 1) : { prefix: '' };
      return outer.at ? { prefix: outer.prefix + here.prefix, at: `${outer.at} + ${here.at}` } : here;
    }
  }
  return { prefix: '' };
}

/** Names bound by `import … from '<spec>'` / `require('<spec>')` whose spec resolves to the router file. */
function importedNames(text: string, importer: string, routerFile: string, aliases: Alias[]): string[] {
  const names: string[] = [];
  const target = routerFile.replace(/\.(?:[cm]?[jt]sx?)$/, '').replace(/\/index$/, '');
  const same = (path: string) => path.replace(/\.(?:[cm]?[jt]sx?)$/, '').replace(/\/index$/, '') === target;
  const resolvesToRouter = (spec: string) =>
    spec.startsWith('.') ? same(relative('.', resolve(dirname(importer), spec))) : aliasTargets(spec, aliases).some(same);
  for (const m of text.matchAll(/import\s+([\w$]+)?\s*,?\s*(?:\{([^}]*)\})?\s*from\s*['"]([^'"]+)['"]/g)) {
    if (!resolvesToRouter(m[3]!)) continue;
    if (m[1]) names.push(m[1]);
    for (const part of (m[2] ?? '').split(',')) {
      const local = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (local) names.push(local);
    }
  }
  for (const m of text.matchAll(/(?:const|let|var)\s+(?:([\w$]+)|\{([^}]*)\})\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    if (!resolvesToRouter(m[3]!)) continue;
    if (m[1]) names.push(m[1]);
    for (const part of (m[2] ?? '').split(',')) {
      const local = part.trim().split(':').pop()?.trim();
      if (local) names.push(local);
    }
  }
  return names.map((name) => name.replace(/\$/g, '\\$'));
}

interface Alias {
  prefix: string;
  wildcard: boolean;
  targets: string[];
}

/** tsconfig/jsconfig `paths` (e.g. "@/routes/*": ["./src/routes/*"]), longest prefix first. */
async function pathAliases(root: string): Promise<Alias[]> {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const text = await readFile(join(root, name), 'utf8').catch(() => undefined);
    if (!text) continue;
    try {
      const config = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1')) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
      const base = config.compilerOptions?.baseUrl ?? '.';
      return Object.entries(config.compilerOptions?.paths ?? {})
        .map(([key, targets]) => ({ prefix: key.replace(/\*$/, ''), wildcard: key.endsWith('*'), targets: targets.map((t) => relative('.', join(base, t.replace(/\*$/, '')))) }))
        .sort((a, b) => b.prefix.length - a.prefix.length);
    } catch {
      return [];
    }
  }
  return [];
}

/** Where an aliased import spec may point: the longest matching alias only, as TypeScript resolves it. */
function aliasTargets(spec: string, aliases: Alias[]): string[] {
  const alias = aliases.find((a) => (a.wildcard ? spec.startsWith(a.prefix) : spec === a.prefix));
  if (!alias) return [];
  const rest = alias.wildcard ? spec.slice(alias.prefix.length) : '';
  return alias.targets.map((target) => join(target, rest));
}
