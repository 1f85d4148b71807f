import { ts } from 'ts-morph';
import type { AppProfile } from '../app-profile.js';

/** The module text in the app's language: TypeScript as written, or JavaScript (ESM or CommonJS) with the types stripped. */
export function renderForApp(source: string, profile: AppProfile): string {
  if (profile.language === 'typescript') return source;
  const output = ts.transpileModule(source, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: profile.format === 'commonjs' ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext,
      removeComments: false,
      esModuleInterop: true,
    },
  }).outputText;
  return output.replace(/^\/\/# sourceMappingURL=.*\n?/m, '');
}
