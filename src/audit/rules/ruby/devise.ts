import type { Category } from '../../categories.js';
import type { TextMatch, TextRule } from '../types.js';

const MODULES: Record<string, readonly [Category, string]> = {
  database_authenticatable: ['password-hashing', 'Devise database_authenticatable: bcrypt encrypted_password; Scalekit imports no hash, decide the password plan'],
  registerable: ['signup', 'Devise registerable (sign-up): Scalekit hosted sign-up replaces it'],
  recoverable: ['password-reset', 'Devise recoverable (password reset): retired or redirected to the Scalekit hosted flow'],
  confirmable: ['email-verification', 'Devise confirmable: export confirmed_at as email_verified; Scalekit verifies addresses itself'],
  omniauthable: ['oauth-provider', 'Devise omniauthable: set up the same providers in Scalekit'],
  two_factor_authenticatable: ['mfa', 'Devise two-factor: factors are not migrated; decide how users re-enrol'],
  rememberable: ['token-issuance', 'Devise rememberable: long-lived remember-me cookie; record its lifetime'],
};

const rule: TextRule = {
  id: 'ruby.devise.model',
  kind: 'text',
  ecosystem: 'ruby',
  category: ['user-model', ...new Set(Object.values(MODULES).map(([category]) => category))],
  confidence: 'high',
  message: 'Devise user model: its primary key becomes external_id; export users from its table',
  keywords: ['devise '],
  pattern: /^\s*devise\s+:/,
  classify(match, line) {
    const found: TextMatch[] = [{ column: match.index + 1, overrides: { category: 'user-model' } }];
    for (const module of line.matchAll(/:(\w+)/g)) {
      const entry = Object.hasOwn(MODULES, module[1]!) ? MODULES[module[1]!] : undefined;
      if (entry) found.push({ column: module.index! + 1, overrides: { category: entry[0], message: entry[1] } });
    }
    return found;
  },
};

export default rule;
