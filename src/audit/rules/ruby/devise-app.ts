import { deviseViewFlow } from '../../shared/devise-views.js';
import { patternRule } from '../../text/kit.js';
import type { TextMatch } from '../types.js';

/**
 * Devise as an app wires it: controllers subclassing Devise's, `devise_for` (every flow it routes),
 * `devise_parameter_sanitizer` (sign-up fields), `valid_password?`, `authenticate :user` route
 * blocks, Devise path helpers in views (ERB, Haml, Slim) and mailers, the controllers `devise_for` maps
 * (`confirmations:`, `omniauth_callbacks:`), Pundit/CanCanCan enforcement and role enums.
 */
const rule = patternRule({
  id: 'ruby.devise.app',
  ecosystem: 'ruby',
  confidence: 'high',
  keywords: ['Devise', 'devise', '_path', 'valid_password?', 'authenticate ', 'verify_authorized', 'AccessDenied', 'enum', 'Policy', 'load_and_authorize_resource'],
  patterns: [
    { pattern: /<\s*Devise::SessionsController\b|\bnew_(?:\w+_)?session_(?:path|url)\b|\bsession_(?:path|url)\(\s*resource_name|\bafter_sign_in_path_for\b/, category: 'login', message: 'Devise login (sessions controller, sign-in path): login becomes a redirect to Scalekit plus a callback' },
    { pattern: /\bdestroy_\w+_session_path\b|\bafter_sign_out_path_for\b/, category: 'logout', message: 'Devise logout: also redirect to the Scalekit logout URL' },
    { pattern: /<\s*Devise::RegistrationsController\b|\bnew_(?:\w+_)?registration_(?:path|url)\b|\bregistration_(?:path|url)\(\s*resource_name|devise_parameter_sanitizer\.permit\(\s*:sign_up/, category: 'signup', message: 'Devise sign-up: Scalekit hosted sign-up replaces it' },
    { pattern: /<\s*Devise::(?:PasswordsController|Mailer)\b|\bpassword_(?:path|url)\(\s*(?:resource_name|@resource)|\b(?:new|edit)_(?:\w+_)?password_(?:path|url)\b|\breset_password_token:\s|\[:reset_password_token\]/, category: 'password-reset', message: 'Devise password reset: retired or redirected to the Scalekit hosted flow' },
    { pattern: /<\s*Devise::(?:ConfirmationsController|Mailer)\b|\bconfirmation_(?:path|url)\(\s*(?:resource_name|@resource)|\bconfirmation_url\b|\bconfirmations:\s*['"]/, category: 'email-verification', message: 'Devise confirmation: Scalekit verifies addresses itself; export confirmed_at' },
    { pattern: /<\s*Devise::OmniauthCallbacksController\b|\b\w+_omniauth_authorize_(?:path|url)\b|\bsign_in_and_redirect\b|\bomniauth_callbacks:\s*['"]/, category: 'oauth-provider', message: 'OmniAuth sign-in through Devise: set up the same connection in Scalekit and point these links at it' },
    { pattern: /\.valid_password\?\s*\(/, category: 'password-hashing', message: 'Checks a Devise password: Scalekit imports no hash; decide the password plan' },
    { pattern: /^\s*authenticate\s+:\w+/, category: 'session-middleware', message: 'Route block behind the Devise session: make it accept Scalekit sessions (dual mode)' },
    {
      pattern: /\bverify_authorized\b|\bload_and_authorize_resource\b|\bCanCan::AccessDenied\b|\bPundit::NotAuthorizedError\b|^\s*class\s+\w+Policy\b|^\s*enum\s+:?role\b|\.admin\?/,
      category: 'rbac',
      message: 'Authorization (Pundit, CanCanCan, role enum, admin flag): map roles to Scalekit and read the roles claim',
    },
  ],
});

/** In a view Devise renders for one flow, links to the other flows are navigation: only that flow counts. */
const classify = rule.classify!;
rule.classify = (match, line, context) => {
  const found = classify(match, line, context);
  const flow = deviseViewFlow(context.file);
  if (flow === undefined || found === null) return found;
  const kept = (Array.isArray(found) ? found : [found]).filter((entry: TextMatch) => entry.overrides?.category === flow);
  return kept.length ? kept : null;
};

export default rule;
