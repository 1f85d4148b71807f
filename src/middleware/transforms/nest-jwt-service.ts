import { SyntaxKind } from 'ts-morph';
import { rewriteVerifyCall } from './jsonwebtoken-verify.js';
import type { Transform } from './types.js';

const VERIFY = /(?:^|\.)(?:jwtService|_jwtService|jwt)\.(?:verify|verifyAsync)$/;

/**
 * Hand-written NestJS guards with `this.jwtService.verify(token)` / `verifyAsync(token)`: rewritten like
 * jsonwebtoken's verify (canActivate becomes async, which Nest awaits).
 */
export const nestJwtService: Transform = {
  id: 'nest-jwt-service',
  description: 'NestJS JwtService.verify in guards',
  settles: ['js.nest.jwt-service', 'js.request.authorization-header'],
  appliesTo: (file) => /@nestjs\/jwt/.test(file.getFullText()) && /\.verify(?:Async)?\(/.test(file.getFullText()),
  run(file, context) {
    const calls = file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => VERIFY.test(call.getExpression().getText()));
    for (const call of calls) {
      if (call.wasForgotten()) continue;
      context.site(call, () => rewriteVerifyCall(file, call, context, 'JwtService.verify'));
    }
  },
};
