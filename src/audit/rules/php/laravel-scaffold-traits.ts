import type { Category } from '../../categories.js';
import type { TextMatch, TextRule } from '../types.js';

/** Laravel's auth scaffolding traits: a class that uses one inherits a whole flow. */
const TRAITS: ReadonlyArray<readonly [RegExp, Category, string]> = [
  [/\b(?:AuthenticatesUsers|ThrottlesLogins|ConfirmsPasswords)\b/, 'login', 'Laravel login scaffold (AuthenticatesUsers): login becomes a redirect to Scalekit plus a callback'],
  [/\bRegistersUsers\b/, 'signup', 'Laravel registration scaffold (RegistersUsers): Scalekit hosted sign-up replaces it'],
  [/\b(?:SendsPasswordResetEmails|ResetsPasswords)\b/, 'password-reset', 'Laravel password reset scaffold: retired or redirected to the Scalekit hosted flow'],
  [/\b(?:VerifiesEmails|MustVerifyEmail)\b/, 'email-verification', 'Laravel email verification: Scalekit verifies addresses itself; export email_verified_at'],
];

/**
 * Reported on the class declaration, because `use Trait;` lines are blanked with the imports.
 * A trait counts when the file's text uses it (`use AuthenticatesUsers;`, `implements MustVerifyEmail`).
 */
const rule: TextRule = {
  id: 'php.laravel.scaffold-trait',
  kind: 'text',
  ecosystem: 'php',
  category: TRAITS.map(([, category]) => category),
  confidence: 'high',
  message: 'Laravel auth scaffold trait',
  keywords: ['AuthenticatesUsers', 'ThrottlesLogins', 'ConfirmsPasswords', 'RegistersUsers', 'SendsPasswordResetEmails', 'ResetsPasswords', 'VerifiesEmails', 'MustVerifyEmail'],
  pattern: /^\s*(?:final\s+|abstract\s+)?class\s+\w+/,
  classify(match, _line, context) {
    const used = (trait: RegExp) => new RegExp(`^\\s*use\\s+[\\w\\\\,\\s]*${trait.source}[\\w\\\\,\\s]*;|\\bimplements\\b[^{]*${trait.source}`, 'm').test(context.text);
    const found: TextMatch[] = TRAITS.filter(([trait]) => used(trait)).map(([, category, message]) => ({ column: match.index + 1, overrides: { category, message } }));
    return found.length ? found : null;
  },
};

export default rule;
