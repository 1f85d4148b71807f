import { join } from 'node:path';
import { analyzeJavaScript } from '../js/analyze.js';
import { vueScript } from '../js/vue-script.js';
import { SyntaxProblem } from '../js/parse.js';
import { RULES } from '../rules/registry.js';
import type { AstRule, SchemaRule, TextRule } from '../rules/types.js';
import { analyzeText } from '../text/analyze.js';
import { FileCollector } from './collector.js';
import { ecosystemOf } from './ecosystem-of.js';
import { emptyFacts, type FileResult } from './file-result.js';
import { prefilterFor } from './prefilter.js';
import { readSource } from './read-source.js';
import { linksOf } from './links-of.js';
import { GENERATED_MARKER } from '../../middleware/generated/auth-module.js';

export interface AnalyzeOptions {
  maxFileBytes: number;
}

/**
 * One file through the pipeline: read (or skip with a note), keyword prefilter, the parser and
 * rules of its ecosystem. Never throws: a file that breaks a parser or a rule is skipped with a note.
 */
export function analyzeFile(root: string, file: string, options: AnalyzeOptions): FileResult {
  const result: FileResult = { file, analyzed: false, findings: [], tables: [], facts: emptyFacts() };
  const ecosystem = ecosystemOf(file);
  if (!ecosystem) return result;
  const source = readSource(join(root, file), file, options.maxFileBytes);
  if (source.skipped) return { ...result, skipped: source.skipped };
  // The modules updateMiddleware generates are the Scalekit side of the cut-over, not legacy auth.
  if (source.text.slice(0, 1000).includes(GENERATED_MARKER)) return result;
  const analyzed = analyzeContent(file, source.text, ecosystem, result);
  const links = linksOf(ecosystem, source.text);
  return links && !analyzed.skipped ? { ...analyzed, ...links } : analyzed;
}

function analyzeContent(file: string, text: string, ecosystem: NonNullable<ReturnType<typeof ecosystemOf>>, result: FileResult): FileResult {
  const rules = prefilterFor(ecosystem, RULES).activeRules(text, file);
  if (rules.length === 0) return result;
  const collector = new FileCollector(file, text);
  try {
    if (ecosystem === 'javascript') {
      analyzeJavaScript(file, file.endsWith('.vue') ? vueScript(text) : text, rules as AstRule[], collector);
    } else if (ecosystem === 'prisma' || ecosystem === 'sql') {
      for (const rule of rules as SchemaRule[]) rule.extract(collector.contextFor(rule));
    } else {
      analyzeText(ecosystem, text, rules as TextRule[], collector);
    }
  } catch (error) {
    const skipped =
      error instanceof SyntaxProblem
        ? { file, reason: 'parse-error' as const, detail: error.message }
        : { file, reason: 'analysis-error' as const, detail: error instanceof Error ? error.message : String(error) };
    return { ...result, analyzed: true, skipped };
  }
  return { file, analyzed: true, findings: collector.findings, tables: collector.tables, facts: collector.facts };
}
