import { ts } from 'ts-morph';
import { property, unwrap } from '../../js/expression-text.js';
import { localConstInitializer } from '../../js/facts.js';
import { astRule, matchTarget, type Target } from '../../js/kit.js';

/** Where known auth APIs take their secret: an argument index, or an option key of the first object argument. */
const SECRET_SLOTS: ReadonlyArray<{ target: Target; argument?: number; option?: readonly string[] }> = [
  { target: { module: 'jsonwebtoken', path: ['sign', 'verify'] }, argument: 1 },
  { target: { module: 'express-session', path: '' }, option: ['secret'] },
  { target: { module: 'cookie-session', path: '' }, option: ['secret', 'keys'] },
  { target: { module: 'express-jwt', path: ['', 'expressjwt'] }, option: ['secret'] },
  { target: { module: 'koa-jwt', path: '' }, option: ['secret'] },
  { target: { module: 'passport-jwt', path: ['Strategy', ''] }, option: ['secretOrKey'] },
  { target: { module: /^next-auth$/, path: '' }, option: ['secret'] },
  { target: { module: '@nestjs/jwt', path: ['JwtModule.register', 'JwtModule.registerAsync'] }, option: ['secret', 'privateKey'] },
  { target: { module: /^iron-session/, path: ['getIronSession', 'withIronSessionApiRoute', 'withIronSessionSsr'] }, option: ['password'] },
  { target: { module: 'better-auth', path: 'betterAuth' }, option: ['secret'] },
];

export default astRule({
  id: 'js.secret.hard-coded',
  category: 'auth-config',
  confidence: 'high',
  message: 'Hard-coded auth secret (or a hard-coded fallback): move it to the environment; anyone with the code can forge legacy tokens or sessions',
  keywords: ['jsonwebtoken', 'express-session', 'cookie-session', 'express-jwt', 'koa-jwt', 'passport-jwt', 'next-auth', '@nestjs/jwt', 'iron-session', 'better-auth'],
  create(context) {
    const check = (node: ts.Node) => {
      const call = node as ts.CallExpression | ts.NewExpression;
      for (const slot of SECRET_SLOTS) {
        if (!matchTarget(call.expression, [slot.target], context)) continue;
        const args = call.arguments ?? [];
        const candidates: Array<ts.Node | undefined> = [];
        if (slot.argument !== undefined) candidates.push(args[slot.argument]);
        for (const key of slot.option ?? []) {
          for (const arg of args) candidates.push(property(followConst(arg, context.sourceFile), key));
        }
        const literal = candidates.find((candidate) => candidate && hasLiteralSecret(candidate, context.sourceFile));
        if (literal) context.report(literal);
        return;
      }
    };
    return { [ts.SyntaxKind.CallExpression]: check, [ts.SyntaxKind.NewExpression]: check };
  },
});

function followConst(node: ts.Node, sourceFile: ts.SourceFile): ts.Node {
  const inner = unwrap(node);
  return ts.isIdentifier(inner) ? (localConstInitializer(inner.text, sourceFile) ?? inner) : inner;
}

/** A string literal, an array of them, `env || 'literal'`, or a local const holding one of those. */
function hasLiteralSecret(node: ts.Node, sourceFile: ts.SourceFile, depth = 0): boolean {
  const inner = unwrap(node);
  if (ts.isStringLiteralLike(inner)) return inner.text.length > 0;
  if (ts.isArrayLiteralExpression(inner)) return inner.elements.some((element) => hasLiteralSecret(element, sourceFile, depth));
  if (ts.isBinaryExpression(inner)) {
    const op = inner.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return hasLiteralSecret(inner.right, sourceFile, depth);
  }
  if (ts.isIdentifier(inner) && depth < 2) {
    const initializer = localConstInitializer(inner.text, sourceFile);
    return initializer ? hasLiteralSecret(initializer, sourceFile, depth + 1) : false;
  }
  return false;
}
