import { ts } from 'ts-morph';
import type { AppProfile } from '../app-profile.js';
import { downlevelForTypeScript } from './downlevel.js';

/** The module text in the app's language: TypeScript in the syntax of the app's own compiler, or JavaScript (ESM or CommonJS) with the types stripped. */
export function renderForApp(source: string, profile: AppProfile): string {
  const text = profile.tslint ? source.replace('/* eslint-disable */\n', '/* eslint-disable */\n/* tslint:disable */\n') : source;
  return inLanguage(text, profile);
}

function inLanguage(source: string, profile: AppProfile): string {
  if (profile.language === 'typescript') return downlevelForTypeScript(source, profile.typescript);
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
