import { deviseViewFlow } from '../../shared/devise-views.js';
import { codeLinesOf } from '../../text/file-lines.js';
import type { TextRule } from '../types.js';

const MESSAGES = {
  login: 'Devise login form: login becomes a redirect to Scalekit',
  signup: 'Devise sign-up form: Scalekit hosted sign-up replaces it',
  'password-reset': 'Devise password reset form or email: retired with the reset flow',
  'email-verification': 'Devise confirmation form or email: Scalekit verifies addresses itself',
} as const;

/** A view Devise renders for one flow (`app/views/devise/sessions/new.html.haml`) is that flow's UI, whatever its helpers. */
const rule: TextRule = {
  id: 'ruby.devise.view',
  kind: 'text',
  ecosystem: 'ruby',
  category: Object.keys(MESSAGES) as Array<keyof typeof MESSAGES>,
  confidence: 'high',
  message: 'Devise view of an auth flow',
  keywords: ['devise/'],
  files: /(?:^|\/)app\/views\/devise\//,
  pattern: /[^\s-]/,
  classify(match, _line, context) {
    const flow = deviseViewFlow(context.file);
    if (!flow || !(flow in MESSAGES)) return null;
    const first = codeLinesOf(context.text, 'ruby').findIndex((line) => /[^\s-]/.test(line));
    if (context.line - 1 !== first) return null;
    return { column: match.index + 1, overrides: { category: flow, message: MESSAGES[flow as keyof typeof MESSAGES] } };
  },
};

export default rule;
