import { readdirSync } from 'node:fs';
import { CATEGORIES, CONFIDENCES, ECOSYSTEMS, type Ecosystem } from '../categories.js';
import { ruleCategories, type Rule } from './types.js';

/** The id prefix of each ecosystem's rules; rules live in `rules/<ecosystem>/<name>.ts`, one module each. */
export const RULE_ID_PREFIX: Record<Ecosystem, string> = {
  javascript: 'js',
  prisma: 'prisma',
  sql: 'sql',
  python: 'python',
  go: 'go',
  java: 'java',
  php: 'php',
  ruby: 'ruby',
  config: 'config',
};

/**
 * Loads every rule module under `rules/<ecosystem>/`: adding a rule is adding one file there
 * (plus its fixture). A module's default export is a rule or a list of rules.
 */
async function loadRules(): Promise<readonly Rule[]> {
  const modules: Array<Promise<{ ecosystem: Ecosystem; name: string; exported: unknown }>> = [];
  for (const ecosystem of ECOSYSTEMS) {
    const directory = new URL(`./${ecosystem}/`, import.meta.url);
    let names: string[];
    try {
      names = readdirSync(directory);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!/\.[cm]?[jt]s$/.test(name) || /\.d\.[cm]?ts$/.test(name)) continue;
      modules.push(import(new URL(name, directory).href).then((module: { default?: unknown }) => ({ ecosystem, name, exported: module.default })));
    }
  }
  const rules: Rule[] = [];
  for (const { ecosystem, name, exported } of await Promise.all(modules)) {
    const list = Array.isArray(exported) ? exported : [exported];
    for (const rule of list) rules.push(validated(rule as Rule, ecosystem, name));
  }
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let index = 1; index < rules.length; index += 1) {
    if (rules[index]!.id === rules[index - 1]!.id) throw new Error(`audit rule id "${rules[index]!.id}" is defined twice`);
  }
  return rules;
}

function validated(rule: Rule, ecosystem: Ecosystem, file: string): Rule {
  const where = `audit rule module rules/${ecosystem}/${file}`;
  if (!rule || typeof rule !== 'object' || typeof rule.id !== 'string') throw new Error(`${where}: default export is not a rule`);
  const prefix = RULE_ID_PREFIX[ecosystem] + '.';
  if (!rule.id.startsWith(prefix) || !/^[a-z]+(?:\.[a-z0-9][a-z0-9-]*)+$/.test(rule.id)) {
    throw new Error(`${where}: rule id "${rule.id}" must look like "${prefix}<library>.<what>"`);
  }
  if (rule.ecosystem !== ecosystem) throw new Error(`${where}: rule ${rule.id} declares ecosystem ${rule.ecosystem}`);
  const categories = ruleCategories(rule);
  if (categories.length === 0 || categories.some((category) => !CATEGORIES.includes(category))) {
    throw new Error(`${where}: rule ${rule.id} has an unknown category`);
  }
  if (!CONFIDENCES.includes(rule.confidence)) throw new Error(`${where}: rule ${rule.id} has an unknown confidence`);
  if (!rule.message || rule.keywords.length === 0) throw new Error(`${where}: rule ${rule.id} needs a message and keywords`);
  return rule;
}

export const RULES: readonly Rule[] = await loadRules();

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export function rulesOf(ecosystem: Ecosystem): readonly Rule[] {
  return RULES.filter((rule) => rule.ecosystem === ecosystem);
}
