import { Node, SyntaxKind, type NewExpression, type SourceFile } from 'ts-morph';
import { enclosingAuthCall, identifiersIn } from '../edit/call-sites.js';
import { moduleBindings } from '../edit/imports.js';
import { replaceNode } from '../edit/replace.js';
import { dropLegacyStrategyOptions, isPassportJwtStrategy } from './strategy-options.js';
import type { Transform, TransformContext } from './types.js';

/**
 * passport-jwt in Express: `new JwtStrategy(options, verify)` becomes
 * `new (dualJwtStrategy(JwtStrategy))(options, verify)` in dual mode — a Scalekit token is verified by
 * the generated module and handed to the same `verify` callback as a legacy-shaped payload, so the
 * app's user lookup runs unchanged — and `new ScalekitJwtStrategy(options, verify)` in scalekit mode,
 * without the legacy secret options. `passport.authenticate('jwt')` needs no change.
 */
export const passportJwt: Transform = {
  id: 'passport-jwt',
  description: 'passport-jwt strategies (Express)',
  settles: ['js.passport-jwt.strategy'],
  settlesEverywhere: ['js.passport.authenticate'],
  appliesTo: (file) => /passport-jwt/.test(file.getFullText()) && !/@nestjs\/passport/.test(file.getFullText()),
  run(file, context) {
    for (const created of file.getDescendantsOfKind(SyntaxKind.NewExpression)) {
      if (created.wasForgotten()) continue;
      context.site(created, () => rewrite(file, created, context));
    }
  },
};

function rewrite(file: SourceFile, created: NewExpression, context: TransformContext): void {
  const { named, namespaces } = moduleBindings(file, 'passport-jwt');
  const auth = new Map([...moduleBindings(file, /(?:^|\/)scalekit(?:\.[cm]?[jt]s)?$/).named].map(([local, exported]) => [local, exported]));
  let target: Node = created.getExpression();
  while (Node.isParenthesizedExpression(target)) target = target.getExpression();
  if (Node.isIdentifier(target) && auth.get(target.getText()) === 'ScalekitJwtStrategy') return context.alreadyDone(created);
  const dual = Node.isCallExpression(target) && auth.get(target.getExpression().getText()) === 'dualJwtStrategy' ? target : undefined;
  if (dual) {
    if (context.mode === 'dual') return context.alreadyDone(created);
    return toScalekitOnly(file, created, context);
  }
  if (!isPassportJwtStrategy(target, named, namespaces) || enclosingAuthCall(created, 'dualJwtStrategy')) return;
  if (context.mode === 'scalekit') return toScalekitOnly(file, created, context);
  const name = context.useAuth(file, 'dualJwtStrategy');
  context.rewrite(created, 'passport-jwt strategy accepts Scalekit tokens too (legacy ones by AUTH_PROVIDER); the verify callback gets the legacy payload shape');
  replaceNode(target, `(${name}(${target.getText()}))`);
}

function toScalekitOnly(file: SourceFile, created: NewExpression, context: TransformContext): void {
  const expression = created.getExpression();
  const removed = identifiersIn(expression);
  const name = context.useAuth(file, 'ScalekitJwtStrategy');
  context.rewrite(created, 'passport-jwt replaced by the Scalekit-only strategy (legacy secret options removed)');
  for (const identifier of dropLegacyStrategyOptions(created.getArguments()[0])) removed.add(identifier);
  replaceNode(expression, name);
  context.dropIfUnused(file, removed);
}
