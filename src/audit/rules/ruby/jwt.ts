import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'ruby.jwt.token',
  ecosystem: 'ruby',
  confidence: 'high',
  keywords: ['JWT.'],
  patterns: [
    {
      pattern: /\bJWT\.encode\s*\(/,
      category: 'token-issuance',
      message: 'Issues a legacy JWT (ruby-jwt): save a sample token for the backup checklist',
      fact(match, context) {
        const line = context.text.split(/\r?\n/)[context.line - 1] ?? '';
        const algorithm = /['"]((?:HS|RS|ES|PS)\d{3})['"]/.exec(line);
        context.facts.jwt({ library: 'ruby-jwt', operation: 'sign', algorithms: algorithm ? [algorithm[1]!] : [] }, { line: context.line, column: match.index + 1 });
      },
    },
    { pattern: /\bJWT\.decode\s*\(/, category: 'session-middleware', message: 'Verifies a legacy JWT (ruby-jwt): make this check accept Scalekit tokens (dual mode)' },
  ],
});
