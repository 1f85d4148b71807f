import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.session.user',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['session['],
  patterns: [
    { pattern: /\bsession\[\s*['"](?:user|user_id|uid|account_id|logged_in)['"]\s*\]\s*=(?!=)\s*(?!None)/, category: 'token-issuance', message: 'Stores the logged-in user in the session: after the switch the Scalekit callback sets it' },
    { pattern: /\bsession\.(?:clear|pop)\s*\(\s*(?:['"](?:user|user_id|uid)['"])?/, category: 'logout', message: 'Clears the legacy session: also redirect to the Scalekit logout URL' },
  ],
});
