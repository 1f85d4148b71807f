import { ts } from 'ts-morph';
import { property, stringValue } from '../../js/expression-text.js';
import { lifetimeOf, secretSource } from '../../js/facts.js';
import { callRule } from '../../js/kit.js';
import { fluentCalls, isRefreshContext } from '../../js/jwt-facts.js';

export default callRule({
  id: 'js.jose.sign',
  category: 'token-issuance',
  confidence: 'high',
  message: 'Issues a legacy JWT (jose SignJWT): Scalekit issues tokens after the switch; save a sample token for the backup checklist',
  keywords: ['SignJWT', 'EncryptJWT'],
  include: 'new',
  calls: [{ module: 'jose', path: ['SignJWT', 'EncryptJWT'] }],
  inspect(node, context) {
    const algorithms: string[] = [];
    let secret: ts.Node | undefined;
    let expiresIn: string | undefined;
    for (const { name, call } of fluentCalls(node)) {
      if (name === 'setProtectedHeader') {
        const alg = stringValue(property(call.arguments[0], 'alg'));
        if (alg) algorithms.push(alg);
      } else if (name === 'setExpirationTime') {
        const fact = lifetimeOf(call.arguments[0], isRefreshContext(node, context) ? 'refresh-token' : 'access-token', 'seconds', context);
        if (fact) {
          expiresIn = fact.value;
          context.facts.lifetime(fact, context.at(call));
        }
      } else if (name === 'sign' || name === 'encrypt') {
        secret = call.arguments[0];
      }
    }
    const source = secretSource(secret, context);
    context.facts.jwt(
      { library: 'jose', operation: 'sign', algorithms, ...(source ? { secret: source } : {}), ...(expiresIn ? { expiresIn } : {}) },
      context.at(node),
    );
  },
});
