import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import fg from 'fast-glob';

/**
 * The path prefix an Express router file is mounted under (`app.use('/auth', authRoutes(db))`), found by
 * reading the files that import it. The audit reports router-relative paths (`/login`); the callback URL
 * Scalekit needs is the full one (`/auth/login`). Only literal prefixes and one level of mounting are read.
 */
export async function mountPrefix(root: string, routerFile: string): Promise<{ prefix: string; at?: string }> {
  const stem = basename(routerFile).replace(/\.(?:[cm]?[jt]sx?)$/, '');
  const files = await fg(['**/*.{js,mjs,cjs,ts,mts,cts}'], { cwd: root, ignore: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.scalekit-migration/**'], onlyFiles: true });
  for (const file of files.slice(0, 5000)) {
    if (file === routerFile) continue;
    const text = await readFile(join(root, file), 'utf8').catch(() => '');
    if (!text.includes(stem) || !text.includes('.use(')) continue;
    for (const name of importedNames(text, file, routerFile)) {
      const mount = new RegExp(`\\.use\\(\\s*['"\`](/[^'"\`]*)['"\`]\\s*,\\s*(?:[\\w.]+\\s*,\\s*)*${name}\\b`).exec(text);
      if (mount) return { prefix: mount[1]!.replace(/\/+$/, ''), at: `${file}:${text.slice(0, mount.index).split('\n').length}` };
    }
  }
  return { prefix: '' };
}

/** Names bound by `import … from '<spec>'` / `require('<spec>')` whose spec resolves to the router file. */
function importedNames(text: string, importer: string, routerFile: string): string[] {
  const names: string[] = [];
  const target = routerFile.replace(/\.(?:[cm]?[jt]sx?)$/, '');
  const resolvesToRouter = (spec: string) => spec.startsWith('.') && relative('.', resolve(dirname(importer), spec)).replace(/\.(?:[cm]?[jt]sx?)$/, '').replace(/\/index$/, '') === target.replace(/\/index$/, '');
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
