import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.otp.totp',
  category: 'mfa',
  confidence: 'high',
  message: 'One-time-password MFA (TOTP/HOTP): secrets are not migrated; decide how users re-enrol, or whether SSO covers them',
  keywords: ['otplib', 'speakeasy', 'otpauth', 'node-2fa', 'notp', '2fa'],
  gate: (text) => /['"`](?:otplib|@otplib\/|speakeasy|@levminer\/speakeasy|otpauth|node-2fa|2fa|notp|totp-generator)/.test(text),
  include: 'both',
  calls: [{ module: /^(?:otplib|@otplib\/[\w-]+|speakeasy|@levminer\/speakeasy|otpauth|node-2fa|2fa|notp|totp-generator)$/ }],
});
