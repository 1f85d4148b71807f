import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { ts, type SourceFile } from 'ts-morph';
import { isCommonJsFile } from './edit/imports.js';

export interface AppProfile {
  root: string;
  language: 'typescript' | 'javascript';
  /** Module format of the generated JS module (TypeScript apps: what tsc emits is the app's business). */
  format: 'esm' | 'commonjs';
  packageType: 'module' | 'commonjs';
  packageJson?: string;
  dependencies: Record<string, string>;
  authModulePath: string;
  clientModulePath: string;
  next: boolean;
  /** A NestJS app (its exception filter answers only HttpExceptions with their status). */
  nest: boolean;
  /** The TypeScript version the app compiles with (installed, else its package.json range), when known. */
  typescript?: readonly [number, number];
  /** The app lints with TSLint, which does not read `eslint-disable`. */
  tslint?: boolean;
  /** tsconfig asks for Node's ESM resolution: relative imports carry `.js`. */
  nodeNextResolution: boolean;
  /** A tsconfig path alias such as `@/*` -> `<root>/src/*`: imports from far away use it instead of `../../`. */
  alias?: { prefix: string; dir: string };
}

/** What the generated module must look like for this app, and where it goes. */
export function profileApp(root: string, candidates: readonly SourceFile[]): AppProfile {
  const packageJson = existsSync(join(root, 'package.json')) ? join(root, 'package.json') : undefined;
  const manifest = packageJson ? (JSON.parse(readFileSync(packageJson, 'utf8')) as { type?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }) : {};
  const packageType = manifest.type === 'module' ? 'module' : 'commonjs';
  const dependencies = { ...manifest.devDependencies, ...manifest.dependencies };
  const tsconfig = join(root, 'tsconfig.json');
  const typescript = existsSync(tsconfig) || (candidates.length > 0 && candidates.filter((file) => /\.[cm]?tsx?$/.test(file.getFilePath())).length * 2 >= candidates.length);
  const commonJs = candidates.some((file) => isCommonJsFile(file, packageType));
  const format = typescript ? (packageType === 'module' ? 'esm' : 'commonjs') : commonJs ? 'commonjs' : 'esm';
  const parent = existsSync(join(root, 'src')) ? join(root, 'src') : existsSync(join(root, 'lib')) ? join(root, 'lib') : root;
  // Beside an auth.ts module, a folder called auth/ would make `./auth` ambiguous to read: use scalekit/ then.
  const base = ['auth.ts', 'auth.js', 'auth.mjs', 'auth.cjs', 'auth.tsx'].some((name) => existsSync(join(parent, name))) ? join(parent, 'scalekit') : join(parent, 'auth');
  const extension = typescript ? '.ts' : format === 'commonjs' ? (packageType === 'module' ? '.cjs' : '.js') : packageType === 'module' ? '.js' : '.mjs';
  const tsconfigText = existsSync(tsconfig) ? readFileSync(tsconfig, 'utf8') : '';
  return {
    root,
    language: typescript ? 'typescript' : 'javascript',
    format,
    packageType,
    packageJson,
    dependencies,
    authModulePath: join(base, `scalekit${extension}`),
    clientModulePath: join(base, `scalekit-client${extension}`),
    next: 'next' in dependencies,
    nest: '@nestjs/common' in dependencies,
    typescript: typescriptVersion(root, dependencies.typescript),
    tslint: 'tslint' in dependencies || existsSync(join(root, 'tslint.json')),
    nodeNextResolution: /"module(?:Resolution)?"\s*:\s*"node(?:16|next)"/i.test(tsconfigText),
    alias: pathAlias(root, tsconfigText),
  };
}

/** The app's `@/*`-style alias (tsconfig `paths`, one target), if it has one. */
function pathAlias(root: string, tsconfigText: string): AppProfile['alias'] {
  if (!tsconfigText) return undefined;
  const parsed = ts.parseConfigFileTextToJson('tsconfig.json', tsconfigText).config as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
  const options = parsed?.compilerOptions;
  for (const [pattern, targets] of Object.entries(options?.paths ?? {})) {
    const match = /^([@~#][\w-]*\/)\*$/.exec(pattern);
    const target = targets.length === 1 ? /^(.*?)\/?\*$/.exec(targets[0]!)?.[1] : undefined;
    if (match && target !== undefined) return { prefix: match[1]!, dir: join(root, options?.baseUrl ?? '.', target) };
  }
  return undefined;
}

/** The specifier `from` uses to import the module at `target` (relative, with the extension the app's resolution needs). */
export function moduleSpecifier(profile: AppProfile, from: SourceFile, target: string): string {
  let path = relative(dirname(from.getFilePath()), target).split(sep).join('/');
  if (!path.startsWith('.')) path = './' + path;
  const aliased = profile.alias && path.startsWith('../') && !relative(profile.alias.dir, target).startsWith('..');
  if (aliased) return profile.alias!.prefix + relative(profile.alias!.dir, target).split(sep).join('/').replace(/\.[cm]?[jt]s$/, '');
  if (profile.language === 'javascript') return path;
  const withoutExtension = path.replace(/\.ts$/, '');
  const usesJsExtensions = from.getImportDeclarations().some((declaration) => /^\.{1,2}\/.*\.js$/.test(declaration.getModuleSpecifierValue()));
  return usesJsExtensions || profile.nodeNextResolution ? withoutExtension + '.js' : withoutExtension;
}

/** Major and minor of the app's TypeScript: the installed package's version, else the lowest its range allows. */
export function typescriptVersion(root: string, range: string | undefined): readonly [number, number] | undefined {
  const installed = join(root, 'node_modules', 'typescript', 'package.json');
  const version = existsSync(installed) ? (JSON.parse(readFileSync(installed, 'utf8')) as { version?: string }).version : range;
  const match = /(\d+)\.(\d+)/.exec(version ?? '');
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}
