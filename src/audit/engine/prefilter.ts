import type { Ecosystem } from '../categories.js';
import type { Rule } from '../rules/types.js';

/**
 * The cheap gate before any parsing: one combined regex of every keyword of an ecosystem's rules.
 * One pass over a file's text tells both whether any rule can apply and which ones.
 */
export class Prefilter {
  private readonly regex: RegExp | undefined;
  private readonly pattern: string;
  /** keyword -> the rules it activates, including rules whose keyword is contained in it. */
  private readonly rulesByKeyword = new Map<string, Rule[]>();

  constructor(readonly rules: readonly Rule[]) {
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    for (const keyword of keywords) {
      const activated = rules.filter((rule) => rule.keywords.some((own) => keyword.includes(own)));
      this.rulesByKeyword.set(keyword, activated);
    }
    this.pattern = keywords.map(escapeRegExp).join('|');
    this.regex = keywords.length ? new RegExp(this.pattern, 'g') : undefined;
  }

  /** The regex source, for comparing with other tools (the benchmark hands it to ripgrep). */
  get source(): string {
    return this.pattern;
  }

  /** The rules whose keywords occur in the text (or the file's path) and whose gate passes, in registry order; empty when the file can be skipped. */
  activeRules(text: string, path = ''): Rule[] {
    const regex = this.regex;
    if (!regex) return [];
    const seen = new Set<string>();
    const active = new Set<Rule>();
    for (const haystack of [path, text]) {
      regex.lastIndex = 0;
      for (let match = regex.exec(haystack); match !== null; match = regex.exec(haystack)) {
        const keyword = match[0];
        // Step one character, not past the match: keywords may overlap ("auth" inside "uthorization").
        regex.lastIndex = match.index + 1;
        if (seen.has(keyword)) continue;
        seen.add(keyword);
        for (const rule of this.rulesByKeyword.get(keyword) ?? []) active.add(rule);
        if (active.size === this.rules.length) break;
      }
    }
    return this.rules.filter((rule) => active.has(rule) && (!rule.gate || rule.gate(text, path)));
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const cache = new Map<Ecosystem, Prefilter>();

export function prefilterFor(ecosystem: Ecosystem, rules: readonly Rule[]): Prefilter {
  let prefilter = cache.get(ecosystem);
  if (!prefilter) {
    prefilter = new Prefilter(rules.filter((rule) => rule.ecosystem === ecosystem));
    cache.set(ecosystem, prefilter);
  }
  return prefilter;
}
