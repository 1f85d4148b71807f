import { argument, callRule } from '../../js/kit.js';
import { recordJwtFact } from '../../js/jwt-facts.js';
import { ts } from 'ts-morph';
import { unwrap } from '../../js/expression-text.js';
import { localConstInitializer } from '../../js/facts.js';

/** A JWKS or key built from the Scalekit environment URL: the new path, not legacy validation. */
function verifiesScalekit(key: ts.Node | undefined, sourceFile: ts.SourceFile): boolean {
  if (!key) return false;
  const inner = unwrap(key);
  const text = ts.isIdentifier(inner) ? (localConstInitializer(inner.text, sourceFile)?.getText(sourceFile) ?? '') : inner.getText(sourceFile);
  return /scalekit/i.test(text);
}

export default callRule({
  id: 'js.jose.verify',
  category: 'session-middleware',
  confidence: 'high',
  message: 'Verifies a legacy JWT (jose): updateMiddleware makes this check accept Scalekit tokens in dual mode',
  keywords: ['jose', 'jwtVerify', 'jwtDecrypt'],
  calls: [{ module: 'jose', path: ['jwtVerify', 'jwtDecrypt', 'compactVerify'] }],
  inspect(call, context) {
    if (verifiesScalekit(argument(call, 1), context.sourceFile)) return null;
    recordJwtFact(call, { library: 'jose', operation: 'verify', secret: argument(call, 1), options: argument(call, 2) }, context);
  },
});
