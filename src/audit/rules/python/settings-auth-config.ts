import { patternRule } from '../../text/kit.js';

/** Auth settings in Python config modules (Flask, Django, pydantic settings): the secret that signs sessions, JWT and session options, bootstrap admin credentials. */
export default patternRule({
  id: 'python.settings.auth-config',
  ecosystem: 'python',
  confidence: 'medium',
  keywords: ['SECRET_KEY', 'JWT_', 'SIMPLE_JWT', 'JWT_AUTH', 'REMEMBER_COOKIE', 'PERMANENT_SESSION', 'ACCESS_TOKEN_EXPIRE', 'SUPERUSER', 'ADMIN_PASSWORD', 'SOCIAL_AUTH_', 'OAUTH', 'LOGIN_URL', 'PASSWORD_RESET_TIMEOUT', 'SESSION_', 'SessionMiddleware', 'AuthenticationMiddleware'],
  patterns: [
    {
      pattern:
        /^\s*(?:self\.)?(?:SECRET_KEY|JWT_\w+|SIMPLE_JWT|JWT_AUTH|REMEMBER_COOKIE_\w+|PERMANENT_SESSION_LIFETIME|SESSION_(?!ENGINE\b|COOKIE_AGE\b|COOKIE_NAME\b)\w+|ACCESS_TOKEN_EXPIRE_\w+|REFRESH_TOKEN_EXPIRE_\w+|FIRST_SUPERUSER\w*|ADMIN_(?:PASSWORD|EMAIL)|SOCIAL_AUTH_\w+|\w*OAUTH2?_(?:CLIENT_ID|CLIENT_SECRET|SECRET|KEY)\w*|LOGIN_(?:URL|REDIRECT_URL)|PASSWORD_RESET_TIMEOUT)\s*(?::\s*[\w\[\]|. ]+)?=(?!=)|\bconfig\[\s*['"](?:SECRET_KEY|JWT_\w+|SESSION_\w+)['"]\s*\]\s*=(?!=)/,
      category: 'auth-config',
      message: 'Auth setting (signing secret, token or session option, bootstrap admin): legacy auth configuration; keep secrets until the agreed window ends',
    },
    {
      pattern: /^\s*(?:self\.)?(?:JWT_AUTH|SIMPLE_JWT|GRAPHQL_JWT)\s*(?::\s*[\w\[\]|. ]+)?=(?!=)/,
      category: 'token-issuance',
      message: 'JWT issuance settings (signing key source, payload handler, lifetime): the legacy token format; record them for the backup checklist',
    },
    {
      pattern: /^\s*(?:self\.)?(?:\w*OAUTH2?_CLIENT_(?:ID|SECRET)\w*|SOCIAL_AUTH_\w+_(?:KEY|SECRET))\s*(?::\s*[\w\[\]|. ]+)?=(?!=)/,
      category: 'oauth-provider',
      message: 'OAuth client credentials of a provider login: the connection moves to Scalekit (register its redirect URI there)',
    },
    {
      pattern: /^\s*SESSION_COOKIE_\w+\s*=(?!=)/,
      category: 'session-middleware',
      message: 'Session cookie settings of the legacy session: dual mode keeps this cookie valid until the switch',
    },
    {
      pattern: /['"]django\.contrib\.(?:sessions\.middleware\.SessionMiddleware|auth\.middleware\.AuthenticationMiddleware)['"]/,
      category: 'session-middleware',
      message: 'Django session and authentication middleware: request.user comes from the legacy session; dual mode must accept Scalekit sessions',
    },
  ],
});
