import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'ruby.omniauth.provider',
  ecosystem: 'ruby',
  confidence: 'high',
  keywords: ['provider', 'OmniAuth', 'omniauth'],
  requires: /omniauth|OmniAuth|config\.omniauth/,
  patterns: [
    { pattern: /^\s*(?:config\.omniauth|provider)\s+:(\w+)/, category: 'oauth-provider', message: 'OmniAuth provider: set up the same connection in Scalekit and register its redirect URI' },
  ],
});
