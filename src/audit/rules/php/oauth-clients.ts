import { patternRule } from '../../text/kit.js';

/** OAuth client credentials (config/services.php) and Socialite registrations or listeners. */
export default patternRule({
  id: 'php.socialite.config',
  ecosystem: 'php',
  confidence: 'high',
  keywords: ['client_secret', 'Socialite'],
  patterns: [
    { pattern: /['"]client_secret['"]\s*=>|\bSocialite(?:ServiceProvider)?::class|SocialiteProviders\\|\bSocialite::driver\s*\(/, category: 'oauth-provider', message: 'OAuth provider credentials or Socialite registration: set up the same connections in Scalekit' },
  ],
});
