import { ts } from 'ts-morph';
import type { AstRule } from '../rules/types.js';
import { signalsOf, type Signal } from './behaviour-signals.js';
import type { RuleMeta } from './kit.js';

/**
 * A rule that finds functions by what they do: it reports the innermost function whose body
 * (nested callbacks included) shows every signal in `requires`. Signals of a function that did
 * not qualify count towards the function around it.
 */
export function behaviourRule(meta: RuleMeta & { requires: readonly Signal[] }): AstRule {
  const { requires, ...rest } = meta;
  return {
    ...rest,
    kind: 'ast',
    ecosystem: 'javascript',
    create(context) {
      const stack: Array<Set<Signal>> = [];
      const note = (node: ts.Node) => {
        const top = stack[stack.length - 1];
        if (!top) return;
        for (const signal of signalsOf(node, context.imports, context.sourceFile)) top.add(signal);
      };
      return {
        functionEnter() {
          stack.push(new Set());
        },
        functionExit(node) {
          const signals = stack.pop()!;
          if (requires.every((signal) => signals.has(signal))) {
            context.report(node);
            return;
          }
          const parent = stack[stack.length - 1];
          if (parent) for (const signal of signals) parent.add(signal);
        },
        [ts.SyntaxKind.CallExpression]: note,
        [ts.SyntaxKind.NewExpression]: note,
        [ts.SyntaxKind.BinaryExpression]: note,
        [ts.SyntaxKind.StringLiteral]: note,
        [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: note,
        [ts.SyntaxKind.TemplateExpression]: note,
      };
    },
  };
}
