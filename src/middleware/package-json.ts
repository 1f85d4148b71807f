import { readFileSync } from 'node:fs';

/** What the generated modules import, with the ranges this tool was tested with. */
export const MODULE_DEPENDENCIES: Record<string, string> = {
  jose: '^6.0.0',
  '@scalekit-sdk/node': '^2.11.0',
};

export interface PackageJsonEdit {
  added: Record<string, string>;
  text?: string;
}

/**
 * Adds the packages the generated modules import to the app's `dependencies` (a package already in
 * dependencies or devDependencies keeps its range). Keeps the file's indentation and key order.
 */
export function addDependencies(path: string | undefined, needed: readonly string[], format: 'esm' | 'commonjs' = 'esm', typescript?: readonly [number, number]): PackageJsonEdit {
  if (!path) return { added: {} };
  const original = readFileSync(path, 'utf8');
  const manifest = JSON.parse(original) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const added: Record<string, string> = {};
  for (const name of needed) {
    if (manifest.dependencies?.[name] || manifest.devDependencies?.[name]) continue;
    // jose 6 is ESM-only (CommonJS output needs Node 20.19+ to require it) and its types need TypeScript 4.5+:
    // CommonJS apps and older compilers get jose 5 (same API, both formats, types TypeScript 3.8 reads).
    const oldTypeScript = typescript !== undefined && (typescript[0] < 4 || (typescript[0] === 4 && typescript[1] < 5));
    added[name] = name === 'jose' && (format === 'commonjs' || oldTypeScript) ? '^5.9.0' : (MODULE_DEPENDENCIES[name] ?? 'latest');
  }
  if (Object.keys(added).length === 0) return { added };
  manifest.dependencies = { ...manifest.dependencies, ...added };
  manifest.dependencies = Object.fromEntries(Object.entries(manifest.dependencies).sort(([a], [b]) => a.localeCompare(b)));
  const indent = /^(\s+)"/m.exec(original)?.[1] ?? '  ';
  return { added, text: JSON.stringify(manifest, null, indent) + (original.endsWith('\n') ? '\n' : '') };
}

