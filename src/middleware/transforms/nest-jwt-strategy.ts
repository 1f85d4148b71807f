import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { identifiersIn } from '../edit/call-sites.js';
import { moduleBindings } from '../edit/imports.js';
import { replaceNode } from '../edit/replace.js';
import { dropLegacyStrategyOptions, isPassportJwtStrategy } from './strategy-options.js';
import type { Transform, TransformContext } from './types.js';

/**
 * NestJS JwtStrategy (`class JwtStrategy extends PassportStrategy(Strategy)` with passport-jwt):
 * dual: `PassportStrategy(dualJwtStrategy(Strategy))` — Scalekit tokens are verified by the generated
 * module and passed to `validate()` in the legacy payload shape; scalekit:
 * `PassportStrategy(ScalekitJwtStrategy)` with the legacy secret options taken out of `super({...})`.
 * `AuthGuard('jwt')` and `@UseGuards` stay as they are.
 */
export const nestJwtStrategy: Transform = {
  id: 'nest-jwt-strategy',
  description: 'NestJS PassportStrategy(passport-jwt Strategy)',
  settles: ['js.passport-jwt.strategy'],
  settlesEverywhere: ['js.nest.auth-guard', 'js.passport.authenticate'],
  appliesTo: (file) => /@nestjs\/passport/.test(file.getFullText()) && /passport-jwt/.test(file.getFullText()),
  run(file, context) {
    const mixins = file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => moduleBindings(file, '@nestjs/passport').named.get(call.getExpression().getText()) === 'PassportStrategy');
    for (const mixin of mixins) {
      if (mixin.wasForgotten()) continue;
      context.site(mixin, () => rewrite(file, mixin, context));
    }
  },
};

function rewrite(file: SourceFile, mixin: CallExpression, context: TransformContext): void {
  const base = mixin.getArguments()[0];
  if (!base) return;
  const auth = moduleBindings(file, /(?:^|\/)scalekit(?:\.[cm]?[jt]s)?$/).named;
  if (Node.isIdentifier(base) && auth.get(base.getText()) === 'ScalekitJwtStrategy') return context.alreadyDone(mixin);
  const wrapped = Node.isCallExpression(base) && auth.get(base.getExpression().getText()) === 'dualJwtStrategy';
  if (wrapped && context.mode === 'dual') return context.alreadyDone(mixin);
  const { named, namespaces } = moduleBindings(file, 'passport-jwt');
  if (!wrapped && !isPassportJwtStrategy(base, named, namespaces)) return;
  if (context.mode === 'dual') {
    const name = context.useAuth(file, 'dualJwtStrategy');
    context.rewrite(mixin, 'JwtStrategy accepts Scalekit tokens too (legacy ones by AUTH_PROVIDER); validate() gets the legacy payload shape');
    replaceNode(base, `${name}(${base.getText()})`);
    return;
  }
  const removed = identifiersIn(base);
  const superCall = mixin
    .getFirstAncestorByKind(SyntaxKind.ClassDeclaration)
    ?.getConstructors()[0]
    ?.getDescendantsOfKind(SyntaxKind.CallExpression)
    .find((call) => call.getExpression().getKind() === SyntaxKind.SuperKeyword);
  const name = context.useAuth(file, 'ScalekitJwtStrategy');
  context.rewrite(mixin, 'JwtStrategy accepts Scalekit tokens only (legacy secret options removed)');
  for (const identifier of dropLegacyStrategyOptions(superCall?.getArguments()[0])) removed.add(identifier);
  replaceNode(base, name);
  context.dropIfUnused(file, removed);
}
