import { patternRule } from '../../text/kit.js';

/** Django REST framework (and its JWT add-ons): authentication classes and token views. */
export default patternRule({
  id: 'python.drf.auth',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['rest_framework', 'Authentication', 'ObtainJSONWebToken', 'TokenObtain', 'ObtainAuthToken', 'TokenRefresh'],
  requires: /rest_framework/,
  patterns: [
    {
      pattern: /\bclass\s+\w+\s*\([^)]*\bBaseAuthentication\b|\b(?:SessionAuthentication|JSONWebTokenAuthentication|JWTAuthentication|TokenAuthentication|BasicAuthentication)\b/,
      category: 'session-middleware',
      message: 'DRF authentication class: API requests authenticated with legacy sessions or tokens; make it accept Scalekit tokens (dual mode)',
    },
    {
      pattern: /\b(?:ObtainJSONWebTokenView|ObtainJSONWebToken|TokenObtainPairView|TokenObtainView|ObtainAuthToken|obtain_jwt_token|obtain_auth_token)\b/,
      category: 'login',
      message: 'DRF token login view: password login that issues a legacy token; login moves to Scalekit',
    },
    {
      pattern: /\b(?:ObtainJSONWebTokenView|ObtainJSONWebToken|TokenObtainPairView|TokenObtainView|ObtainAuthToken|obtain_jwt_token|obtain_auth_token)\b/,
      category: 'token-issuance',
      message: 'DRF token view issues the legacy token: after the switch Scalekit issues tokens; save a sample for the backup checklist',
    },
    {
      pattern: /\b(?:JSONWebTokenAuthentication|JWTAuthentication|JWTStatelessUserAuthentication)\b/,
      category: 'token-issuance',
      message: 'DRF JWT authentication: the API accepts the legacy JWT format; its signing settings and lifetimes go into the backup checklist',
    },
    { pattern: /\b(?:TokenRefreshView|RefreshJSONWebToken\w*|refresh_jwt_token)\b/, category: 'refresh-token', message: 'DRF token refresh view: Scalekit refreshes its own tokens' },
  ],
});
