import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'java.jwt.token',
  ecosystem: 'java',
  confidence: 'high',
  keywords: ['Jwts', 'JWT.create', 'JWT.require', 'JwtDecoder', 'JwtEncoder'],
  patterns: [
    {
      pattern: /\bJwts\.builder\s*\(\s*\)|\bJWT\.create\s*\(\s*\)|\bJwtEncoder\b/,
      category: 'token-issuance',
      message: 'Issues a legacy JWT (jjwt / java-jwt): Scalekit issues tokens after the switch; save a sample token for the backup checklist',
      fact(match, context) {
        const window = context.text.split(/\r?\n/).slice(context.line - 1, context.line + 8).join(' ');
        const algorithm = /SignatureAlgorithm\.(\w+)|Jwts\.SIG\.(\w+)|Algorithm\.(HMAC\d+|RSA\d+|ECDSA\d+)/.exec(window);
        context.facts.jwt({ library: 'jjwt', operation: 'sign', algorithms: algorithm ? [algorithm[1] ?? algorithm[2] ?? algorithm[3]!] : [] }, { line: context.line, column: match.index + 1 });
      },
    },
    {
      pattern: /\bJwts\.parser(?:Builder)?\s*\(\s*\)|\.parseClaimsJws\s*\(|\.parseSignedClaims\s*\(|\bJWT\.require\s*\(|\bJwtDecoder\b/,
      category: 'session-middleware',
      message: 'Verifies a legacy JWT (jjwt / java-jwt / JwtDecoder): make it accept Scalekit tokens (dual mode)',
    },
  ],
});
