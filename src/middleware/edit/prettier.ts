import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface PrettierApi {
  resolveConfig(file: string): Promise<Record<string, unknown> | null> | Record<string, unknown> | null;
  format(text: string, options: Record<string, unknown>): Promise<string> | string;
}

/**
 * The app's own Prettier (from its node_modules) with the config that applies to a file, when the app has both;
 * undefined otherwise. The codemod never brings a Prettier of its own.
 */
export function appPrettier(root: string): ((file: string, text: string) => Promise<string | undefined>) | undefined {
  if (!existsSync(join(root, 'package.json'))) return undefined;
  let prettier: PrettierApi;
  try {
    prettier = createRequire(join(root, 'package.json'))('prettier') as PrettierApi;
  } catch {
    return undefined;
  }
  return async (file, text) => {
    const config = await prettier.resolveConfig(file);
    if (!config) return undefined;
    try {
      return await prettier.format(text, { ...config, filepath: file });
    } catch {
      return undefined;
    }
  };
}
