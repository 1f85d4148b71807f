import { patternRule } from '../../text/kit.js';

/** OAuth/OIDC login written by hand: provider endpoints, Google's auth libraries, authorization URLs. */
export default patternRule({
  id: 'python.oauth.hand-rolled',
  ecosystem: 'python',
  confidence: 'medium',
  keywords: ['oauth', 'OAuth', 'google_auth', 'authorization_url', 'id_token', 'openid'],
  patterns: [
    {
      pattern:
        /https:\/\/(?:accounts\.google\.com\/o\/oauth2|oauth2\.googleapis\.com\/token|www\.googleapis\.com\/oauth2|github\.com\/login\/oauth|login\.microsoftonline\.com)|\bgoogle_auth_oauthlib\b|\bFlow\.from_client_(?:config|secrets_file)\s*\(|\bid_token\.verify_oauth2_token\s*\(|\.authorization_url\s*\(|\bOAuth2Session\s*\(/,
      category: 'oauth-provider',
      message: 'OAuth/OIDC login written by the app: set up the connection in Scalekit and register its redirect URI',
    },
  ],
});
