import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'php.session.user',
  ecosystem: 'php',
  confidence: 'high',
  keywords: ['$_SESSION', 'session_destroy', 'session_regenerate_id'],
  patterns: [
    { pattern: /\$_SESSION\[\s*['"](?:user|user_id|uid|logged_in|account_id)['"]\s*\]\s*=(?!=)/, category: 'token-issuance', message: 'Stores the logged-in user in the PHP session: after the switch the Scalekit callback sets it' },
    { pattern: /\bsession_destroy\s*\(/, category: 'logout', message: 'Destroys the PHP session (logout): also redirect to the Scalekit logout URL' },
  ],
});
