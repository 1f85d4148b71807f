import { patternRule } from '../../text/kit.js';

/** Guards on the login session; an empty `authentication_classes = ()` opts a view out and is not one. */
export default patternRule({
  id: 'python.auth.login-required',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['login_required', 'LoginRequiredMixin', 'IsAuthenticated', 'is_authenticated', 'authentication_classes'],
  patterns: [
    {
      pattern: /@login_required\b|\bLoginRequiredMixin\b|\bIsAuthenticated\b|\.is_authenticated\b|\bauthentication_classes\s*=(?!\s*(?:\(\s*\)|\[\s*\])\s*$)/,
      category: 'session-middleware',
      message: 'Route protected by the legacy login session: updateMiddleware (or its manual follow-up) makes it accept Scalekit sessions',
    },
  ],
});
