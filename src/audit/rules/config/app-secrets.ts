import type { TextRule } from '../types.js';

/** A setting key that names an auth secret, token lifetime or session/JWT setting (any case or separator). */
const AUTH_KEY = /(?:jwt|secret|signing[_-]?key|token|session|devise|auth|password[_-]?(?:reset|pepper))/i;
/** Keys that mention a secret but belong to a database, mail server, cache or cloud account, not to login. */
const NOT_AUTH = /(?:db|database|mail|smtp|redis|aws|s3|pusher|mysql|postgres|bucket|sentry|newrelic|access[_-]?key|api[_-]?key|stripe|github[_-]?token|slack)/i;

/**
 * Auth settings in application config files other than `.env` and Spring's: `config/secrets.yml`,
 * `conf/app.ini`, `config/local.yml`, `app.env`, Java `*.properties` keys like `app.jwtSecret`.
 * Values are never read.
 */
const rule: TextRule = {
  id: 'config.app.auth-setting',
  kind: 'text',
  ecosystem: 'config',
  category: 'auth-config',
  confidence: 'medium',
  message: 'Auth setting in a config file (value not read): keep it until the agreed window ends, then retire it',
  keywords: ['=', ':'],
  files: /(?:(?:^|\/)conf(?:ig)?\/[^/]+\.(?:ya?ml|ini|toml)|[^/]\.env|(?:^|\/)application[\w-]*\.properties)$/,
  pattern: /^\s*(?:export\s+)?([\w.-]+)\s*[:=]/,
  classify(match) {
    const key = match[1]!;
    if (!AUTH_KEY.test(key) || NOT_AUTH.test(key)) return null;
    return { column: match.index + 1 + match[0].indexOf(key), overrides: { message: `Auth setting ${key} (value not read): legacy auth configuration; retire it after the switch` } };
  },
};

export default rule;
