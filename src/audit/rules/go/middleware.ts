import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'go.http.auth-middleware',
  ecosystem: 'go',
  confidence: 'medium',
  keywords: ['Authorization', 'X-API-Key', 'X-Api-Key', 'Role', 'HasRole'],
  patterns: [
    { pattern: /\.Header\.Get\s*\(\s*"Authorization"\s*\)|\.GetHeader\s*\(\s*"Authorization"\s*\)/, category: 'session-middleware', message: 'Reads the Authorization header: a hand-written token check; make it accept Scalekit tokens (dual mode)' },
    { pattern: /\.Header\.Get\s*\(\s*"X-API-Key"\s*\)|\.GetHeader\s*\(\s*"X-API-Key"\s*\)/i, category: 'api-key', message: 'API key header: keep API keys working in dual and scalekit modes' },
    {
      pattern: /\.Role\s*[!=]=\s*"(\w+)"|\bHasRole\s*\(\s*(?:\w+\s*,\s*)?"(\w+)"/,
      category: 'rbac',
      message: 'Role check: it must read the roles claim of Scalekit tokens',
      confidence: 'high',
      fact(match, context) {
        context.facts.role(match[1] ?? match[2]!, { line: context.line, column: match.index + 1 });
      },
    },
  ],
});
