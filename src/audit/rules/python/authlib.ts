import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.authlib.oauth',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['authlib', 'OAuth(', 'register(', 'authorize_redirect', 'authorize_access_token', 'ResourceProtector', 'social_django', 'allauth'],
  requires: /authlib|social_django|allauth|python3?-saml|onelogin\.saml2/,
  patterns: [
    {
      pattern: /\bOAuth\s*\(|\boauth\.register\s*\(|\.authorize_redirect\s*\(|\.authorize_access_token\s*\(|\bResourceProtector\s*\(|\bsocial_django\b|\ballauth\.socialaccount\b|\bOneLogin_Saml2_Auth\b/,
      category: 'oauth-provider',
      message: 'OAuth/OIDC/SAML provider (Authlib, social-auth, allauth, python3-saml): set up the same connection in Scalekit and register its redirect URI',
    },
  ],
});
