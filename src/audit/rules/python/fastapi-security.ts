import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.fastapi.security',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['fastapi', 'OAuth2PasswordBearer', 'HTTPBearer', 'APIKeyHeader', 'get_current_user'],
  requires: /fastapi/,
  patterns: [
    {
      pattern: /\bOAuth2PasswordBearer\s*\(|\bHTTPBearer\s*\(|\bHTTPBasic\s*\(|\bOAuth2AuthorizationCodeBearer\s*\(|Depends\(\s*get_current_(?:active_)?(?:user|superuser)\s*\)/,
      category: 'session-middleware',
      message: 'FastAPI security dependency: routes authenticated with legacy tokens; make it accept Scalekit tokens (dual mode)',
    },
    // The endpoint that issues the tokens the dependency checks: it moves to Scalekit.
    { pattern: /\bOAuth2(?:PasswordBearer|AuthorizationCodeBearer)\s*\(/, category: 'token-issuance', message: 'FastAPI security scheme names the legacy token endpoint (tokenUrl): tokens come from Scalekit after the switch' },
    { pattern: /\bAPIKey(?:Header|Query|Cookie)\s*\(/, category: 'api-key', message: 'FastAPI API key dependency: keep API keys working in dual and scalekit modes' },
    { pattern: /\bOAuth2PasswordRequestForm\b/, category: 'login', message: 'FastAPI password login form: login becomes a redirect to Scalekit plus a callback' },
  ],
});
