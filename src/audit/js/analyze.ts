import { ts } from 'ts-morph';
import type { FileCollector } from '../engine/collector.js';
import type { AstRule, AstRuleContext, AstVisitor } from '../rules/types.js';
import { ImportMap } from './imports.js';
import { parseSource } from './parse.js';

type Handler = (node: ts.Node) => void;

/**
 * Parses one JS/TS file (no Program, no type checker) and walks its AST once, dispatching each
 * node to the active rules' handlers for its kind. The AST is dropped when this returns.
 */
export function analyzeJavaScript(path: string, text: string, rules: readonly AstRule[], collector: FileCollector): void {
  const sourceFile = parseSource(path, text);
  const imports = ImportMap.of(sourceFile);
  const byKind: Handler[][] = [];
  const enter: Handler[] = [];
  const exit: Handler[] = [];
  const done: Array<() => void> = [];

  for (const rule of rules) {
    const visitor = rule.create(ruleContext(rule, sourceFile, imports, collector));
    register(visitor, byKind, enter, exit, done);
  }

  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer) imports.noteVariable(node);
    const handlers = byKind[node.kind];
    if (handlers) for (const handler of handlers) handler(node);
    const functionLike = isFunctionLike(node);
    if (functionLike) for (const handler of enter) handler(node);
    ts.forEachChild(node, visit);
    if (functionLike) for (const handler of exit) handler(node);
  };
  ts.forEachChild(sourceFile, visit);
  for (const finish of done) finish();
}

function register(visitor: AstVisitor, byKind: Handler[][], enter: Handler[], exit: Handler[], done: Array<() => void>): void {
  for (const [key, handler] of Object.entries(visitor)) {
    if (typeof handler !== 'function') continue;
    if (key === 'functionEnter') enter.push(handler as Handler);
    else if (key === 'functionExit') exit.push(handler as Handler);
    else if (key === 'fileExit') done.push(handler as () => void);
    else (byKind[Number(key)] ??= []).push(handler as Handler);
  }
}

function ruleContext(rule: AstRule, sourceFile: ts.SourceFile, imports: ImportMap, collector: FileCollector): AstRuleContext {
  const base = collector.contextFor(rule);
  const at = (node: ts.Node) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    return { line: line + 1, column: character + 1 };
  };
  return {
    ...base,
    sourceFile,
    imports,
    at,
    report(node, overrides) {
      base.reportAt(at(node), overrides);
    },
  };
}

export function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
      return true;
    default:
      return false;
  }
}
