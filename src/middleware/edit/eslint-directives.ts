import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface LintMessage {
  ruleId: string | null;
  severity: number;
}
interface EslintApi {
  ESLint: new (options: { cwd: string }) => {
    lintText(text: string, options: { filePath: string; warnIgnored?: boolean }): Promise<Array<{ messages: LintMessage[] }>>;
  };
}

const BLANKET = '/* eslint-disable */\n';
const NEXT_LINE = /^[ \t]*\/\/ eslint-disable-next-line[^\n]*\n/gm;

/**
 * The ESLint directives of a generated module, cut to what the app's own ESLint config needs: the module is linted
 * without any (the app's ESLint from its node_modules, its config for that path); no problem, no directive; else
 * one `/* eslint-disable <rules> *\/` naming the rules that fired, so a config that reports unused directives
 * finds none. Without a usable ESLint in the app (none installed, its config does not load, the text does not
 * parse for it) the module keeps the blanket `/* eslint-disable *\/`.
 */
export function appEslintDirectives(root: string): ((file: string, text: string) => Promise<string>) | undefined {
  if (!existsSync(join(root, 'package.json'))) return undefined;
  let api: EslintApi;
  try {
    api = createRequire(join(root, 'package.json'))('eslint') as EslintApi;
  } catch {
    return undefined;
  }
  if (typeof api.ESLint !== 'function') return undefined;
  let eslint: InstanceType<EslintApi['ESLint']>;
  try {
    eslint = new api.ESLint({ cwd: root });
  } catch {
    return undefined;
  }
  return async (file, text) => {
    if (!text.startsWith(BLANKET) && !text.includes(`\n${BLANKET}`)) return text;
    const bare = text.replace(BLANKET, '').replace(NEXT_LINE, '');
    let messages: LintMessage[];
    try {
      messages = (await eslint.lintText(bare, { filePath: file, warnIgnored: false })).flatMap((result) => result.messages);
    } catch {
      return text;
    }
    if (messages.some((message) => message.ruleId === null && message.severity === 2)) return text;
    const rules = [...new Set(messages.filter((message) => message.severity > 0 && message.ruleId).map((message) => message.ruleId!))].sort();
    if (rules.length === 0) return bare;
    // A leading `/* tslint:disable */` or similar stays first; the directive goes where the blanket one was.
    return text.replace(BLANKET, `/* eslint-disable ${rules.join(', ')} */\n`).replace(NEXT_LINE, '');
  };
}
