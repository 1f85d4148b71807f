import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'go.oauth2.config',
  ecosystem: 'go',
  confidence: 'high',
  keywords: ['oauth2.'],
  requires: /golang\.org\/x\/oauth2|coreos\/go-oidc|markbates\/goth/,
  patterns: [
    {
      pattern: /&?oauth2\.Config\s*\{|\.AuthCodeURL\s*\(|\.Exchange\s*\(\s*(?:ctx|r\.Context\(\)|context\.)|\boidc\.NewProvider\s*\(|\bgoth\.UseProviders\s*\(/,
      category: 'oauth-provider',
      message: 'OAuth/OIDC login through an external provider (x/oauth2, go-oidc, goth): set up the same connection in Scalekit and register its redirect URI',
    },
  ],
});
