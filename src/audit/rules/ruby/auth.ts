import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'ruby.rails.auth',
  ecosystem: 'ruby',
  confidence: 'high',
  keywords: ['authenticate_', 'devise_for', 'has_secure_password', 'authenticate(', 'session[', 'reset_session', 'BCrypt', 'sign_in', 'sign_out'],
  patterns: [
    { pattern: /before_action\s+:authenticate_\w+!|\bauthenticate_\w+!|\buser_signed_in\?/, category: 'session-middleware', message: 'Rails/Devise authentication filter: legacy session check; make it accept Scalekit sessions (dual mode)' },
    { pattern: /^\s*devise_for\s+:/, category: 'login', message: 'Devise routes (sessions, registrations, passwords): login becomes a redirect to Scalekit plus a callback' },
    { pattern: /^\s*has_secure_password\b|\bBCrypt::Password\.create\s*\(/, category: 'password-hashing', message: 'has_secure_password (bcrypt password_digest): Scalekit imports no hash; decide the password plan' },
    { pattern: /&?\.authenticate\s*\(\s*params|\bBCrypt::Password\.new\s*\(/, category: 'login', message: 'Password check: part of a password login; login moves to Scalekit' },
    { pattern: /\bsession\[\s*:(?:user_id|user|uid|account_id)\s*\]\s*=(?!=)\s*(?!nil)|(?<![\w.])sign_in\s*\(?\s*(?:@?user|resource)/, category: 'token-issuance', message: 'Starts a legacy session for the user: after the switch the Scalekit callback starts it' },
    { pattern: /\breset_session\b|\bsession\.delete\s*\(\s*:user_id\s*\)|\bsession\[\s*:user_id\s*\]\s*=\s*nil|(?<![\w.])sign_out\s*\(?/, category: 'logout', message: 'Ends the legacy session (logout): also redirect to the Scalekit logout URL' },
  ],
});
