import { patternRule } from '../../text/kit.js';

/** Reset and verification flows written by hand, found by the names of their functions and methods. */
export default patternRule({
  id: 'python.flow.function-name',
  ecosystem: 'python',
  confidence: 'medium',
  keywords: ['def ', 'Form'],
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
    {
      pattern: /^\s*class\s+\w*(?:Login|SignIn|Signin)\w*Form\b/,
      category: 'login',
      message: 'Login form: login moves to Scalekit; the form goes away',
    },
    {
      pattern: /^\s*class\s+\w*(?:Registration|Register|SignUp|Signup|NewUser|InviteUser|CreateUser)\w*Form\b/,
      category: 'signup',
      message: 'Sign-up or invitation form: Scalekit hosted sign-up and invitations replace it',
    },
    {
      pattern: /^\s*class\s+\w*(?:ResetPassword|PasswordReset|ForgotPassword)\w*Form\b/,
      category: 'password-reset',
      message: 'Password reset form: Scalekit sends and checks reset links; the form goes away',
    },
    {
      pattern: /^\s*(?:async\s+)?def\s+(?:create_user|user_create|register(?:_user)?|sign_?up(?:_user)?|create_account)\s*\(/,
      category: 'signup',
      message: 'Sign-up implemented by the app (creates a user with a password): Scalekit hosted sign-up replaces it; keep its side effects',
    },
    {
      pattern: /^\s*(?:async\s+)?def\s+(?:\w+_)?(?:logout|log_out|sign_out|signout)(?:_(?:user|view|api|handler|page|all))?\s*\(/,
      category: 'logout',
      message: 'Logout implemented by the app: also end the Scalekit session (redirect to its logout URL)',
    },
    {
      // An override such as `AdminSite.login(self, request)` or a view function `login(request)`.
      pattern: /^\s*(?:async\s+)?def\s+(?:\w+_)?(?:login|log_in|sign_in|signin)(?:_(?:user|view|api|handler|page|post|submit|access_token|with_\w+))?\s*\(/,
      category: 'login',
      message: 'Login implemented by the app: login moves to Scalekit (a redirect plus a callback)',
    },
    {
      pattern: /^\s*(?:async\s+)?def\s+\w*jwt\w*\s*\(/,
      category: 'token-issuance',
      message: 'JWT helper written by the app (secret, payload or response of the legacy token): Scalekit issues tokens after the switch',
    },
    {
      // Not DRF's `authenticate(self, request)` on an authentication class: that one is a guard.
      pattern: /^\s*(?:async\s+)?def\s+(?:authenticate(?:_user)?|check_credentials|verify_credentials)\s*\((?!\s*self\s*,\s*request\b)/,
      category: 'login',
      message: 'Password login implemented by the app: login moves to Scalekit',
    },
  ],
});
