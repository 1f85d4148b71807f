import { ts } from 'ts-morph';

/**
 * The generated TypeScript in syntax the app's own compiler parses: `import type` (TypeScript 3.8) becomes a plain
 * import (its names are types only, so the compiler drops it), `a ?? b` and `a?.b` (3.7) become conditionals. The
 * operands the generated modules use there are plain reads (names, property and element accesses), so reading one
 * twice is the same as reading it once; anything else is refused, so a template change cannot silently re-evaluate a call.
 */
export function downlevelForTypeScript(source: string, version: readonly [number, number] | undefined): string {
  if (!version) return source;
  const [major, minor] = version;
  let text = source;
  if (major < 3 || (major === 3 && minor < 8)) text = text.replace(/^import type (\{[^}]*\}) from /gm, 'import $1 from ');
  if (major < 3 || (major === 3 && minor < 7)) {
    for (let next = firstNewOperator(text); next; next = firstNewOperator(text)) text = text.slice(0, next.start) + next.replacement + text.slice(next.end);
  }
  return text;
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** The innermost `??` or optional chain of the text, with its replacement (innermost first, so each edit sees plain operands). */
function firstNewOperator(text: string): Edit | undefined {
  const file = ts.createSourceFile('module.ts', text, ts.ScriptTarget.Latest, true);
  let found: Edit | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    ts.forEachChild(node, visit);
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
      const left = plainRead(node.left, file);
      found = { start: node.getStart(file), end: node.getEnd(), replacement: `(${left} !== undefined && ${left} !== null ? ${left} : ${node.right.getText(file)})` };
    } else if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && node.questionDotToken) {
      // The whole chain the `?.` short-circuits: `a?.b.c` is undefined when `a` is, not `undefined.c`.
      let chain: ts.Node = node;
      while ((ts.isPropertyAccessExpression(chain.parent) || ts.isElementAccessExpression(chain.parent) || ts.isCallExpression(chain.parent)) && chain.parent.expression === chain) chain = chain.parent;
      const target = plainRead(node.expression, file);
      const rest = text.slice(node.questionDotToken.getEnd(), chain.getEnd());
      const access = ts.isElementAccessExpression(node) ? rest : `.${rest}`;
      found = { start: chain.getStart(file), end: chain.getEnd(), replacement: `(${target} === undefined || ${target} === null ? undefined : ${target}${access})` };
    }
  };
  visit(file);
  return found;
}

const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken]);

function plainRead(node: ts.Expression, file: ts.SourceFile): string {
  const plain = (candidate: ts.Expression): boolean =>
    ((ts.isParenthesizedExpression(candidate) || ts.isAsExpression(candidate) || ts.isNonNullExpression(candidate)) && plain(candidate.expression)) ||
    ts.isIdentifier(candidate) ||
    ts.isLiteralExpression(candidate) ||
    candidate.kind === ts.SyntaxKind.NullKeyword ||
    // What an earlier edit of this function wrote: comparisons and a conditional over plain reads.
    (ts.isConditionalExpression(candidate) && plain(candidate.condition) && plain(candidate.whenTrue) && plain(candidate.whenFalse)) ||
    (ts.isBinaryExpression(candidate) && COMPARISONS.has(candidate.operatorToken.kind) && plain(candidate.left) && plain(candidate.right)) ||
    candidate.kind === ts.SyntaxKind.ThisKeyword ||
    (ts.isPropertyAccessExpression(candidate) && plain(candidate.expression)) ||
    (ts.isElementAccessExpression(candidate) && plain(candidate.expression) && (ts.isLiteralExpression(candidate.argumentExpression) || ts.isIdentifier(candidate.argumentExpression)));
  if (!plain(node)) throw new Error(`generated module: "${node.getText(file)}" is not a plain read, so it cannot be rewritten for TypeScript before 3.7`);
  return node.getText(file);
}
