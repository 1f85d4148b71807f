import { patternRule } from '../../text/kit.js';

/** Rails auth configuration in Ruby: Devise initializer, session store, secret_key_base and cookie secrets. */
export default patternRule({
  id: 'ruby.rails.auth-config',
  ecosystem: 'ruby',
  confidence: 'high',
  keywords: ['Devise.setup', 'session_store', 'secret_key_base', 'secret_token'],
  patterns: [
    { pattern: /^\s*Devise\.setup\b|\.session_store\s+:|\bsecret_key_base\b|\bsecret_token\b/, category: 'auth-config', message: 'Rails auth configuration (Devise initializer, session store, secret key base): record it; retire it after the switch' },
  ],
});
