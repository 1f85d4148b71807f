import { patternRule } from '../../text/kit.js';

/** Reset and verification flows written by hand, found by the names of their functions and methods. */
export default patternRule({
  id: 'python.flow.function-name',
  ecosystem: 'python',
  confidence: 'medium',
  keywords: ['def '],
  patterns: [
    {
      pattern: /^\s*(?:async\s+)?def\s+\w*(?:reset_password|password_reset|forgot_password|reset_token|recover_password)\w*\s*\(/,
      category: 'password-reset',
      message: 'Password reset flow: Scalekit sends and checks reset links; this code goes away or becomes a redirect',
    },
    {
      pattern: /^\s*(?:async\s+)?def\s+\w*(?:confirm_account|confirmation_token|confirm_email|verify_email|email_verification|activate_account|email_change_token|change_email)\w*\s*\(/,
      category: 'email-verification',
      message: 'Email verification flow: Scalekit verifies email addresses; this code goes away',
    },
  ],
});
