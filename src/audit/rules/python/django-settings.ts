import { durationSeconds, keywordDurationSeconds } from '../../facts/durations.js';
import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.django.settings',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['AUTHENTICATION_BACKENDS', 'SESSION_ENGINE', 'SESSION_COOKIE', 'SIMPLE_JWT', 'DEFAULT_AUTHENTICATION_CLASSES', 'TOKEN_LIFETIME'],
  patterns: [
    { pattern: /^\s*AUTHENTICATION_BACKENDS\s*=/, category: 'auth-config', message: 'Django AUTHENTICATION_BACKENDS: the legacy auth backends' },
    { pattern: /['"]DEFAULT_AUTHENTICATION_CLASSES['"]/, category: 'auth-config', message: 'Django REST framework authentication classes: legacy API authentication' },
    {
      pattern: /^\s*SESSION_ENGINE\s*=\s*['"]([\w.]+)['"]/,
      category: 'auth-config',
      message: 'Django session engine: the legacy session store',
      fact(match, context) {
        const engine = match[1]!.split('.').pop()!;
        context.facts.session({ library: 'django.contrib.sessions', store: engine.replace(/^cached_/, '') }, { line: context.line, column: 1 });
      },
    },
    {
      pattern: /^\s*SESSION_COOKIE_(?:AGE|NAME)\s*=\s*(.+)$/,
      category: 'auth-config',
      message: 'Django session cookie settings: record them for the backup checklist',
      fact(match, context) {
        const line = context.text.split(/\r?\n/)[context.line - 1] ?? '';
        const age = /SESSION_COOKIE_AGE\s*=\s*([\d\s*+]+)/.exec(line);
        if (age) context.facts.lifetime({ what: 'session', value: age[1]!.trim(), seconds: durationSeconds(age[1]!.trim()) }, { line: context.line, column: 1 });
        const name = /SESSION_COOKIE_NAME\s*=\s*['"]([^'"]+)['"]/.exec(line);
        if (name) context.facts.cookie({ name: name[1]! }, { line: context.line, column: 1 });
      },
    },
    {
      pattern: /['"](ACCESS|REFRESH)_TOKEN_LIFETIME['"]\s*:\s*(timedelta\([^)]*\))/,
      category: 'token-issuance',
      message: 'Simple JWT token lifetime: record it; phase 5 waits at least the longest lifetime before retiring legacy validation',
      fact(match, context) {
        context.facts.lifetime({ what: match[1] === 'REFRESH' ? 'refresh-token' : 'access-token', value: match[2]!, seconds: keywordDurationSeconds(match[2]!) }, { line: context.line, column: match.index + 1 });
      },
    },
  ],
});
