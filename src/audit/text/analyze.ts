import type { Ecosystem } from '../categories.js';
import type { FileCollector } from '../engine/collector.js';
import type { TextMatch, TextRule, TextRuleContext } from '../rules/types.js';
import { codeLines } from './code-lines.js';

/** Runs line rules over a file's code lines (comments blanked); the first match of a rule per line counts. */
export function analyzeText(ecosystem: Ecosystem, text: string, rules: readonly TextRule[], collector: FileCollector): void {
  const applicable = rules.filter((rule) => (!rule.files || rule.files.test(collector.file)) && (!rule.requires || rule.requires.test(text)));
  if (applicable.length === 0) return;
  const lines = codeLines(text, ecosystem);
  for (const rule of applicable) {
    const base = collector.contextFor(rule);
    const pattern = rule.pattern.global || rule.pattern.sticky ? new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gy]/g, '')) : rule.pattern;
    lines.forEach((line, index) => {
      const match = pattern.exec(line);
      if (!match) return;
      const context: TextRuleContext = { ...base, line: index + 1 };
      const classified = rule.classify ? rule.classify(match, line, context) : { column: match.index + 1 };
      if (classified === null) return;
      const list: TextMatch[] = Array.isArray(classified) ? classified : [classified];
      for (const item of list) base.reportAt({ line: index + 1, column: item.column }, item.overrides);
    });
  }
}
