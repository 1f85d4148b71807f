import type { ts } from 'ts-morph';
import type { Category, Confidence, Ecosystem } from '../categories.js';
import type { FileFacts, Position, ReportOverrides, TableDraft } from '../engine/file-result.js';
import type { ImportMap } from '../js/imports.js';

interface RuleBase {
  /** `<ecosystem>.<library or topic>.<what>`, stable: fixtures, SARIF and the codemod refer to it. */
  id: string;
  ecosystem: Ecosystem;
  /** The category of every finding, or the categories the rule picks from per finding. */
  category: Category | readonly Category[];
  confidence: Confidence;
  /** Default finding message: what was found and what the migration does about it. */
  message: string;
  /**
   * Any of these strings in a file's text activates the rule for that file (case-sensitive).
   * Together they form the prefilter: a file containing none of any rule's keywords is never parsed.
   */
  keywords: readonly string[];
  /**
   * A cheaper-than-parsing test the rule cannot report without passing (the names it matches, an
   * auth path in a string): a file whose keywords activate the rule but that fails this is not parsed for it.
   */
  gate?(text: string, file: string): boolean;
}

/** Everything a rule can emit while it looks at one file. */
export interface EmitContext {
  /** The file, relative to the audited root, POSIX form. */
  readonly file: string;
  readonly text: string;
  reportAt(position: Position, overrides?: ReportOverrides): void;
  readonly facts: FactSink;
  table(draft: Omit<TableDraft, 'ruleId' | 'file'>): void;
}

export interface FactSink {
  jwt(fact: Omit<FileFacts['jwt'][number], 'file' | 'line'>, at: Position): void;
  session(fact: Omit<FileFacts['sessions'][number], 'file' | 'line'>, at: Position): void;
  cookie(fact: Omit<FileFacts['cookies'][number], 'file' | 'line'>, at: Position): void;
  lifetime(fact: Omit<FileFacts['lifetimes'][number], 'file' | 'line'>, at: Position): void;
  secret(name: string, at: Position): void;
  role(name: string, at: Position): void;
  permission(name: string, at: Position): void;
}

export interface AstRuleContext extends EmitContext {
  readonly sourceFile: ts.SourceFile;
  readonly imports: ImportMap;
  /** Where a node starts (1-based line and column, leading trivia skipped). */
  at(node: ts.Node): Position;
  report(node: ts.Node, overrides?: ReportOverrides): void;
}

/**
 * Handlers by syntax kind, called during the single walk of a file's AST, plus hooks when a
 * function-like node is entered and left (after its body) and when the file is done.
 */
export type AstVisitor = {
  [kind: number]: ((node: ts.Node) => void) | undefined;
  functionEnter?(node: ts.Node): void;
  functionExit?(node: ts.Node): void;
  fileExit?(): void;
};

/** A JavaScript/TypeScript rule: gets a fresh visitor per file it is active in. */
export interface AstRule extends RuleBase {
  kind: 'ast';
  ecosystem: 'javascript';
  create(context: AstRuleContext): AstVisitor;
}

export interface TextMatch {
  /** 1-based column in the line. */
  column: number;
  overrides?: ReportOverrides;
}

export interface TextRuleContext extends EmitContext {
  /** 1-based line number of the line being matched. */
  readonly line: number;
}

/** A line-based rule for the other stacks: comment-only lines are never matched. */
export interface TextRule extends RuleBase {
  kind: 'text';
  /** Restricts the rule to files whose relative path matches. */
  files?: RegExp;
  /** File-level condition: the file's text must match it (e.g. an import of the library). */
  requires?: RegExp;
  /** Tested on every code line; the first match per line is a finding. */
  pattern: RegExp;
  /** Refines or rejects a match; return null to drop it. */
  classify?(match: RegExpExecArray, line: string, context: TextRuleContext): TextMatch | TextMatch[] | null;
}

/** A whole-file extractor for schema languages (Prisma, SQL): emits tables, facts and findings. */
export interface SchemaRule extends RuleBase {
  kind: 'schema';
  extract(context: EmitContext): void;
}

export type Rule = AstRule | TextRule | SchemaRule;

export function ruleCategories(rule: Pick<Rule, 'category'>): readonly Category[] {
  return typeof rule.category === 'string' ? [rule.category] : rule.category;
}
