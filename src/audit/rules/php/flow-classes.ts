import { patternRule } from '../../text/kit.js';

const DECLARATION = String.raw`^\s*(?:final\s+|abstract\s+)?(?:class|trait)\s+`;

/**
 * Classes and traits whose name says which auth flow they carry out — a `ResetPassword` notification,
 * a `VerifyEmailException`, an `ActivationRepository`, a `CheckIsUserActivated` middleware — and
 * Eloquent models of linked social/OAuth accounts. They change or retire with that flow; form requests
 * (input validation) go with their controller and are left out.
 */
export default patternRule({
  id: 'php.app.flow-class',
  ecosystem: 'php',
  confidence: 'medium',
  keywords: ['class ', 'trait '],
  patterns: [
    {
      pattern: new RegExp(DECLARATION + String.raw`(?!\w*Request\b)\w*(?:ResetPassword|PasswordReset|ForgotPassword)\w*\b`),
      category: 'password-reset',
      message: 'Password reset class (notification, request, controller): retired or redirected to the Scalekit hosted flow',
    },
    {
      pattern: new RegExp(DECLARATION + String.raw`(?!\w*Request\b)\w*(?:VerifyEmail|EmailVerification|VerificationEmail|Activation|Activated)\w*\b`),
      category: 'email-verification',
      message: 'Email verification or account activation class: Scalekit verifies addresses itself; retire this flow',
    },
    {
      pattern: new RegExp(DECLARATION + String.raw`\w*(?:Social|OAuth|Oauth)\w*\s+extends\s+(?:Model|\\?Illuminate\\[\w\\]+)\b`),
      category: 'oauth-provider',
      message: 'Model of linked social/OAuth accounts: set up the same providers in Scalekit; these links are not migrated',
    },
  ],
});
