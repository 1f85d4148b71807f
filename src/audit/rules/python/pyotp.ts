import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.pyotp.totp',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['pyotp', 'django_otp', 'webauthn'],
  patterns: [
    { pattern: /\bpyotp\.\w+|\bdjango_otp\b|\bwebauthn\.(?:generate|verify)_\w+/, category: 'mfa', message: 'MFA (TOTP/WebAuthn): factors are not migrated; decide how users re-enrol' },
  ],
});
