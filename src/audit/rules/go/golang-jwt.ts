import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'go.jwt.token',
  ecosystem: 'go',
  confidence: 'high',
  keywords: ['jwt.'],
  requires: /golang-jwt\/jwt|dgrijalva\/jwt-go|lestrrat-go\/jwx|go-jose/,
  patterns: [
    {
      pattern: /\bjwt\.(?:Parse|ParseWithClaims)\s*\(|\bjwt\.NewParser\s*\(/,
      category: 'session-middleware',
      message: 'Verifies a legacy JWT (golang-jwt): make this middleware accept Scalekit tokens (dual mode)',
      fact(match, context) {
        context.facts.jwt({ library: 'golang-jwt', operation: 'verify', algorithms: [] }, { line: context.line, column: match.index + 1 });
      },
    },
    {
      pattern: /\bjwt\.NewWithClaims\s*\(\s*jwt\.SigningMethod(\w+)|\bjwt\.New\s*\(\s*jwt\.SigningMethod(\w+)/,
      category: 'token-issuance',
      message: 'Issues a legacy JWT (golang-jwt): Scalekit issues tokens after the switch; save a sample token for the backup checklist',
      fact(match, context) {
        context.facts.jwt({ library: 'golang-jwt', operation: 'sign', algorithms: [match[1] ?? match[2]!] }, { line: context.line, column: match.index + 1 });
      },
    },
  ],
});
