import type { Category } from '../../categories.js';
import type { TextMatch, TextRule } from '../types.js';

const MODULES: Record<string, Category> = {
  registerable: 'signup',
  recoverable: 'password-reset',
  confirmable: 'email-verification',
  omniauthable: 'oauth-provider',
  two_factor_authenticatable: 'mfa',
  database_authenticatable: 'password-hashing',
};

/**
 * Devise modules on the continuation lines of a multi-line `devise :a, :b,\n :c` declaration,
 * which the one-line model rule cannot see.
 */
const rule: TextRule = {
  id: 'ruby.devise.module-continuation',
  kind: 'text',
  ecosystem: 'ruby',
  category: [...new Set(Object.values(MODULES))],
  confidence: 'high',
  message: 'Devise module',
  keywords: ['devise '],
  pattern: /^\s*:\w+(?:\s*,\s*:\w+)*\s*,?\s*$/,
  classify(match, _line, context) {
    const lines = context.text.split(/\r?\n/);
    let index = context.line - 2;
    const skippable = (text: string) => /^\s*(?:#.*)?$/.test(text) || (/,\s*(?:#.*)?$/.test(text) && !/^\s*devise\s+:/.test(text));
    while (index >= 0 && skippable(lines[index]!)) index -= 1;
    if (index < 0 || !/^\s*devise\s+:.*,\s*(?:#.*)?$/.test(lines[index]!)) return null;
    const found: TextMatch[] = [];
    for (const module of match[0].matchAll(/:(\w+)/g)) {
      const category = Object.hasOwn(MODULES, module[1]!) ? MODULES[module[1]!] : undefined;
      if (category) found.push({ column: match.index + module.index! + 1, overrides: { category, message: `Devise ${module[1]} module: this flow moves to Scalekit` } });
    }
    return found.length ? found : null;
  },
};

export default rule;
