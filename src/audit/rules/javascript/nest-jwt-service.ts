import { argument, callRule } from '../../js/kit.js';
import { recordJwtFact } from '../../js/jwt-facts.js';

export default callRule({
  id: 'js.nest.jwt-service',
  category: ['token-issuance', 'session-middleware'],
  confidence: 'high',
  message: 'NestJS JwtService',
  keywords: ['jwtService', 'JwtService'],
  calls: [{ chain: /(?:^|\.)(?:jwtService|_jwtService|jwt)\.(?:sign|signAsync|verify|verifyAsync)$/, whenImports: '@nestjs/jwt' }, { chain: /(?:^|\.)jwtService\.(?:sign|signAsync|verify|verifyAsync)$/, confidence: 'medium' }],
  inspect(call, context, match) {
    const verifying = /verify/i.test(match.text ?? '');
    const options = argument(call, 1);
    if (verifying) {
      recordJwtFact(call, { library: '@nestjs/jwt', operation: 'verify', options, secret: undefined }, context);
      return { category: 'session-middleware', message: 'JwtService.verify checks a legacy JWT: updateMiddleware makes the check accept Scalekit tokens (dual mode)' };
    }
    recordJwtFact(call, { library: '@nestjs/jwt', operation: 'sign', options }, context);
    return { category: 'token-issuance', message: 'JwtService.sign issues a legacy JWT: Scalekit issues tokens after the switch; save a sample token for the backup checklist' };
  },
});
