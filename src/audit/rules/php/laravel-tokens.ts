import { keywordDurationSeconds } from '../../facts/durations.js';
import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'php.laravel.tokens',
  ecosystem: 'php',
  confidence: 'high',
  keywords: ['HasApiTokens', 'createToken', 'Passport::', 'JWT::', 'JWTAuth'],
  patterns: [
    { pattern: /\bHasApiTokens\b|->createToken\s*\(/, category: 'api-key', message: 'Sanctum/Passport personal access tokens: API tokens must keep working in dual and scalekit modes' },
    {
      pattern: /\bPassport::(?:tokensExpireIn|refreshTokensExpireIn|personalAccessTokensExpireIn)\s*\(([^;]*)/,
      category: 'token-issuance',
      message: 'Laravel Passport token lifetime: record it; phase 5 waits at least the longest lifetime before retiring legacy validation',
      fact(match, context) {
        context.facts.lifetime({ what: /refresh/.test(match[0]) ? 'refresh-token' : 'access-token', value: match[1]!.trim().replace(/\)\s*$/, ''), seconds: keywordDurationSeconds(match[1]!) }, { line: context.line, column: match.index + 1 });
      },
    },
    { pattern: /\bPassport::routes\s*\(|\bPassport::\w+Scopes?\s*\(/, category: 'token-issuance', message: 'Laravel Passport OAuth server: legacy token issuance; Scalekit issues tokens after the switch' },
    { pattern: /\bJWT::encode\s*\(|\bJWTAuth::(?:fromUser|attempt)\s*\(/, category: 'token-issuance', message: 'Issues a legacy JWT (php-jwt / tymon jwt-auth): save a sample token for the backup checklist' },
    { pattern: /\bJWT::decode\s*\(|\bJWTAuth::(?:parseToken|authenticate)\s*\(/, category: 'session-middleware', message: 'Verifies a legacy JWT: make this check accept Scalekit tokens (dual mode)' },
  ],
});
