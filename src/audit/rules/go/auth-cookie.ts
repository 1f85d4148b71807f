import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'go.http.auth-cookie',
  ecosystem: 'go',
  confidence: 'high',
  keywords: ['http.Cookie{'],
  requires: /http\.Cookie\s*\{/,
  patterns: [
    {
      pattern: /\bName:\s*"([^"]*(?:session|token|auth|jwt|sid|remember)[^"]*)"/i,
      category: 'token-issuance',
      message: 'Auth cookie (session or token): record its name and flags for the backup checklist; Scalekit sessions replace it after the switch',
      fact(match, context) {
        context.facts.cookie({ name: match[1]! }, { line: context.line, column: match.index + 1 });
      },
    },
  ],
});
