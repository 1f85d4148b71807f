import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'ruby.authorization.check',
  ecosystem: 'ruby',
  confidence: 'high',
  keywords: ['authorize', 'Pundit', 'CanCan', 'can ', 'cannot ', 'has_role', 'admin?'],
  patterns: [
    {
      pattern: /^\s*authorize\s+@?\w+|\bload_and_authorize_resource\b|\binclude\s+(?:Pundit|CanCan::Ability)\b|^\s*(?:can|cannot)\s+:\w+|\.has_role\?\s*\(?\s*:(\w+)|\.admin\?/,
      category: 'rbac',
      message: 'Authorization check (Pundit, CanCanCan, rolify): map roles to Scalekit and read the roles claim',
      fact(match, context) {
        if (match[1]) context.facts.role(match[1], { line: context.line, column: match.index + 1 });
      },
    },
  ],
});
