import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { Project, ts, type SourceFile } from 'ts-morph';
import { shareDeclarationFiles } from './shared-declarations.js';

const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const IGNORED = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.next/**', '**/coverage/**', '**/.git/**', '**/.scalekit-migration/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts', '**/*.min.js'];

/**
 * The app's JS/TS files in one ts-morph project, so call sites can be found across files (ESM and
 * CommonJS alike). The app's tsconfig is used for module resolution (paths, baseUrl) when there is one.
 */
export function loadProject(root: string): { project: Project; files: SourceFile[] } {
  const tsConfigFilePath = existsSync(join(root, 'tsconfig.json')) ? join(root, 'tsconfig.json') : undefined;
  const project = new Project({
    ...(tsConfigFilePath ? { tsConfigFilePath } : {}),
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    compilerOptions: {
      allowJs: true,
      checkJs: false,
      noEmit: true,
      skipLibCheck: true,
      ...(tsConfigFilePath ? {} : { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.Preserve }),
    },
    manipulationSettings: { usePrefixAndSuffixTextForRename: false },
  });
  shareDeclarationFiles(project);
  const paths = fg.sync(SOURCE_GLOB, { cwd: root, ignore: IGNORED, absolute: true, followSymbolicLinks: false, suppressErrors: true, dot: false });
  const files = paths.sort().map((path) => project.addSourceFileAtPath(path));
  return { project, files };
}
