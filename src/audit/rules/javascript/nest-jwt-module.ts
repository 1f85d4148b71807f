import { ts } from 'ts-morph';
import { property, unwrap } from '../../js/expression-text.js';
import { argument, callRule } from '../../js/kit.js';
import { recordJwtFact } from '../../js/jwt-facts.js';

export default callRule({
  id: 'js.nest.jwt-module',
  category: ['auth-config', 'token-issuance'],
  confidence: 'high',
  message: 'JwtModule configuration: legacy JWT secret, algorithm and lifetime (backup checklist)',
  keywords: ['JwtModule'],
  calls: [{ module: '@nestjs/jwt', path: ['JwtModule.register', 'JwtModule.registerAsync'] }],
  inspect(call, context) {
    let options: ts.Node | undefined = argument(call, 0);
    const factory = property(options, 'useFactory');
    if (factory) options = returnedObject(factory) ?? options;
    const secret = property(options, 'secret') ?? property(options, 'privateKey');
    const signOptions = property(options, 'signOptions');
    recordJwtFact(call, { library: '@nestjs/jwt', operation: 'config', secret, options: signOptions, defaultAlgorithm: 'HS256' }, context);
    context.report(call, { category: 'token-issuance', message: 'JwtModule provides the JwtService that signs the legacy tokens: Scalekit issues tokens after the switch' });
    // `JwtModule.register({})` configures nothing: the secret is passed where tokens are signed.
    if (!secret && !signOptions && !property(options, 'publicKey') && !property(options, 'secretOrKeyProvider')) return null;
  },
});

/** The object a factory function returns: `() => ({...})` or `async (config) => { return {...} }`. */
function returnedObject(node: ts.Node): ts.Node | undefined {
  const inner = unwrap(node);
  if (!ts.isArrowFunction(inner) && !ts.isFunctionExpression(inner) && !ts.isMethodDeclaration(inner)) return undefined;
  const body = inner.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return unwrap(body);
  for (const statement of body.statements) if (ts.isReturnStatement(statement) && statement.expression) return unwrap(statement.expression);
  return undefined;
}
