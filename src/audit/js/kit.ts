import { ts } from 'ts-morph';
import type { Confidence } from '../categories.js';
import type { ReportOverrides } from '../engine/file-result.js';
import type { AstRule, AstRuleContext, AstVisitor } from '../rules/types.js';
import { chainText, unwrap } from './expression-text.js';
import type { ResolvedChain } from './imports.js';

type Pattern = string | RegExp | readonly string[];

/**
 * What a rule looks for at a callee, `new` target, decorator or JSX tag:
 * either an export of a module, resolved through the file's imports (`module` + `path`),
 * or a member chain by its text (`chain`), optionally only in files importing `whenImports`.
 */
export interface Target {
  module?: Pattern;
  /** Member path below the module object: `sign`, `auth().verifyIdToken`. Any path when omitted. */
  path?: Pattern;
  chain?: RegExp;
  whenImports?: Pattern;
  /** Overrides the rule's confidence for matches of this target. */
  confidence?: Confidence;
}

export interface TargetMatch {
  target: Target;
  resolved?: ResolvedChain;
  text?: string;
}

export type RuleMeta = Omit<AstRule, 'kind' | 'ecosystem' | 'create'>;

/** Result of an `inspect` hook: overrides for the finding, `null` to drop the match, nothing to report as is. */
export type Inspection = ReportOverrides | null | void;

export function matches(value: string, pattern: Pattern): boolean {
  if (typeof pattern === 'string') return value === pattern;
  if (pattern instanceof RegExp) return pattern.test(value);
  return (pattern as readonly string[]).includes(value);
}

export function importsAny(context: AstRuleContext, pattern: Pattern): boolean {
  if (typeof pattern === 'string' || pattern instanceof RegExp) return context.imports.has(pattern);
  return (pattern as readonly string[]).some((module) => context.imports.has(module));
}

/** The first target the expression matches, if any. */
export function matchTarget(expression: ts.Node, targets: readonly Target[], context: AstRuleContext): TargetMatch | undefined {
  let resolved: ResolvedChain | undefined | null = null;
  let text: string | undefined | null = null;
  for (const target of targets) {
    if (target.module !== undefined) {
      if (resolved === null) resolved = context.imports.resolve(expression);
      if (resolved && matches(resolved.module, target.module) && (target.path === undefined || matches(resolved.path, target.path))) {
        return { target, resolved, text: text ?? undefined };
      }
    }
    if (target.chain) {
      if (text === null) text = chainText(unwrap(expression));
      if (text && target.chain.test(text) && (target.whenImports === undefined || importsAny(context, target.whenImports))) {
        return { target, resolved: resolved ?? undefined, text };
      }
    }
  }
  return undefined;
}

function overridesFor(match: TargetMatch, inspected: ReportOverrides | undefined): ReportOverrides {
  return { ...(match.target.confidence ? { confidence: match.target.confidence } : {}), ...inspected };
}

/** A rule that reports calls (and optionally `new` expressions) of the given targets. */
export function callRule(
  meta: RuleMeta & {
    calls: readonly Target[];
    /** Which expressions to look at; calls only by default. */
    include?: 'call' | 'new' | 'both';
    inspect?(node: ts.CallExpression | ts.NewExpression, context: AstRuleContext, match: TargetMatch): Inspection;
  },
): AstRule {
  const { calls, include = 'call', inspect, ...rest } = meta;
  return {
    ...rest,
    kind: 'ast',
    ecosystem: 'javascript',
    create(context) {
      const handle = (node: ts.Node) => {
        const call = node as ts.CallExpression | ts.NewExpression;
        const match = matchTarget(call.expression, calls, context);
        if (!match) return;
        const inspected = inspect?.(call, context, match);
        if (inspected === null) return;
        context.report(call, overridesFor(match, inspected ?? undefined));
      };
      const visitor: AstVisitor = {};
      if (include !== 'new') visitor[ts.SyntaxKind.CallExpression] = handle;
      if (include !== 'call') visitor[ts.SyntaxKind.NewExpression] = handle;
      return visitor;
    },
  };
}

/** A rule that reports decorators (`@Roles('admin')`, `@UseGuards(AuthGuard('jwt'))`) of the given targets. */
export function decoratorRule(
  meta: RuleMeta & {
    decorators: readonly Target[];
    inspect?(decorator: ts.Decorator, call: ts.CallExpression | undefined, context: AstRuleContext, match: TargetMatch): Inspection;
  },
): AstRule {
  const { decorators, inspect, ...rest } = meta;
  return {
    ...rest,
    kind: 'ast',
    ecosystem: 'javascript',
    create(context) {
      return {
        [ts.SyntaxKind.Decorator](node) {
          const decorator = node as ts.Decorator;
          const expression = unwrap(decorator.expression);
          const call = ts.isCallExpression(expression) ? expression : undefined;
          const match = matchTarget(call ? call.expression : expression, decorators, context);
          if (!match) return;
          const inspected = inspect?.(decorator, call, context, match);
          if (inspected === null) return;
          context.report(decorator, overridesFor(match, inspected ?? undefined));
        },
      };
    },
  };
}

/** A rule written directly against the visitor API. */
export function astRule(meta: RuleMeta & { create: AstRule['create'] }): AstRule {
  return { ...meta, kind: 'ast', ecosystem: 'javascript' };
}

/** First argument, second argument... of a call or `new` expression. */
export function argument(node: ts.CallExpression | ts.NewExpression, index: number): ts.Expression | undefined {
  return node.arguments?.[index];
}
