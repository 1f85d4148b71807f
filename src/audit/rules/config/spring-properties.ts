import { durationSeconds } from '../../facts/durations.js';
import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'config.spring.security',
  ecosystem: 'config',
  confidence: 'high',
  keywords: ['security', 'jwt', 'session', 'oauth2'],
  files: /(?:^|\/)application[\w-]*\.(?:ya?ml|properties)$/,
  patterns: [
    { pattern: /oauth2\.client\.registration\.\w+|^\s*registration\s*:/, category: 'oauth-provider', message: 'Spring OAuth2 client registration: set up the same connection in Scalekit and register its redirect URI' },
    { pattern: /oauth2\.resourceserver\.jwt|^\s*(?:issuer-uri|jwk-set-uri)\s*:/, category: 'session-middleware', message: 'Spring resource server issuer/JWKS: point it at Scalekit in dual mode' },
    {
      pattern: /^\s*(?:[\w.-]*jwt[\w.-]*\.)?(?:secret|secret-key|signing-key)\s*[:=]/i,
      category: 'auth-config',
      message: 'JWT signing secret in configuration (value not read): keep it until the agreed window ends, then retire it',
    },
    {
      pattern: /^\s*(?:[\w.-]*(?:jwt|token)[\w.-]*\.)?(?:expiration|expiration-ms|expiry|ttl|access-token-validity|refresh-token-validity)\s*[:=]\s*(\d+\w*)/i,
      category: 'auth-config',
      message: 'Token lifetime in configuration: record it; phase 5 waits at least the longest lifetime',
      fact(match, context) {
        const value = match[1]!;
        const unit = /ms$/i.test(match[0].split(/[:=]/)[0]!) || /ms/i.test(match[0]) ? 'milliseconds' : 'seconds';
        context.facts.lifetime({ what: /refresh/i.test(match[0]) ? 'refresh-token' : 'access-token', value, seconds: durationSeconds(value.replace(/ms$/, ''), unit) }, { line: context.line, column: match.index + 1 });
      },
    },
    {
      pattern: /servlet\.session\.timeout\s*[:=]\s*(\w+)|^\s*timeout\s*:\s*(\d+[smhd]?)\s*$/,
      category: 'auth-config',
      message: 'Server session timeout: record it for the backup checklist',
      fact(match, context) {
        const value = match[1] ?? match[2]!;
        context.facts.lifetime({ what: 'session', value, seconds: durationSeconds(value) }, { line: context.line, column: match.index + 1 });
      },
    },
  ],
});
