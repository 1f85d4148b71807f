import { ts } from 'ts-morph';
import type { AstRule, AstRuleContext } from '../rules/types.js';
import { unwrap } from './expression-text.js';
import { matchTarget, type RuleMeta, type Target } from './kit.js';
import { objectArgument } from './session-facts.js';

/**
 * A rule for one kind of passport strategy, however it is wired: `passport.use(new Strategy(...))`
 * in Express/Koa/Fastify, or `class X extends PassportStrategy(Strategy)` in NestJS.
 */
export function passportStrategyRule(
  meta: RuleMeta & {
    strategy: Target;
    onMatch?(node: ts.Node, options: ts.Node | undefined, context: AstRuleContext): void;
    describe?(module: string): string;
  },
): AstRule {
  const { strategy, onMatch, describe, ...rest } = meta;
  return {
    ...rest,
    kind: 'ast',
    ecosystem: 'javascript',
    create(context) {
      const report = (node: ts.Node, module: string | undefined, options: ts.Node | undefined) => {
        onMatch?.(node, options, context);
        context.report(node, describe && module ? { message: describe(module) } : undefined);
      };
      return {
        [ts.SyntaxKind.NewExpression](node) {
          const call = node as ts.NewExpression;
          const match = matchTarget(call.expression, [strategy], context);
          if (match) report(call, match.resolved?.module, objectArgument(call.arguments?.[0], context.sourceFile));
        },
        [ts.SyntaxKind.CallExpression](node) {
          const call = node as ts.CallExpression;
          const nest = context.imports.resolve(call.expression);
          if (nest?.module !== '@nestjs/passport' || nest.path !== 'PassportStrategy') return;
          const argument = call.arguments[0];
          const match = argument ? matchTarget(unwrap(argument), [strategy], context) : undefined;
          if (!match) return;
          const options = nestSuperOptions(call, context);
          report(call, match.resolved?.module, options);
        },
      };
    },
  };
}

/** In a NestJS strategy class, the options object passed to `super(...)` in the constructor. */
function nestSuperOptions(call: ts.CallExpression, context: AstRuleContext): ts.Node | undefined {
  let node: ts.Node | undefined = call.parent;
  while (node && !ts.isClassLike(node)) node = node.parent;
  if (!node) return undefined;
  for (const member of node.members) {
    if (!ts.isConstructorDeclaration(member) || !member.body) continue;
    for (const statement of member.body.statements) {
      if (!ts.isExpressionStatement(statement)) continue;
      const expression = unwrap(statement.expression);
      if (ts.isCallExpression(expression) && expression.expression.kind === ts.SyntaxKind.SuperKeyword) {
        return objectArgument(expression.arguments[0], context.sourceFile);
      }
    }
  }
  return undefined;
}
