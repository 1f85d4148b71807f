import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'php.laravel.flows',
  ecosystem: 'php',
  confidence: 'high',
  keywords: ['Fortify', 'CreatesNewUsers', 'ResetsUserPasswords', 'TwoFactorAuthenticatable', 'MustVerifyEmail', 'verified', 'markEmailAsVerified', 'Socialite'],
  patterns: [
    { pattern: /\bimplements\s+CreatesNewUsers\b|\bFortify::createUsersUsing\s*\(/, category: 'signup', message: 'Laravel Fortify sign-up action: Scalekit hosted sign-up replaces it; move its side effects to the callback' },
    { pattern: /\bimplements\s+(?:ResetsUserPasswords|UpdatesUserPasswords)\b|\bFortify::resetUserPasswordsUsing\s*\(/, category: 'password-reset', message: 'Laravel Fortify password reset: retired or redirected to the Scalekit hosted flow' },
    { pattern: /\bTwoFactorAuthenticatable\b|\bFeatures::twoFactorAuthentication\s*\(/, category: 'mfa', message: 'Laravel two-factor authentication: factors are not migrated; decide how users re-enrol' },
    {
      pattern: /\bimplements\s+[\w\\, ]*MustVerifyEmail\b|(?:->|::)middleware\(\s*\[?[^)]*['"]verified['"]|->markEmailAsVerified\s*\(|\bEmailVerificationRequest\b/,
      category: 'email-verification',
      message: 'Laravel email verification: Scalekit verifies addresses itself; export email_verified_at as email_verified',
    },
    { pattern: /\bSocialite::driver\s*\(/, category: 'oauth-provider', message: 'Laravel Socialite provider: set up the same connection in Scalekit and register its redirect URI' },
  ],
});
