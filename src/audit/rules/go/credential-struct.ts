import { patternRule } from '../../text/kit.js';

/** A gorm model with a password column, whatever the struct is called (`type Auth struct { Password string }`). */
export default patternRule({
  id: 'go.gorm.credentials-model',
  ecosystem: 'go',
  confidence: 'medium',
  keywords: ['Password'],
  requires: /gorm/,
  patterns: [
    { pattern: /^\s*(?:Hashed)?Password(?:Hash|Digest)?\s+string\b/, category: 'user-model', message: 'Model with a password column: export users from its table; its primary key becomes external_id' },
  ],
});
