import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.django.auth',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['django', 'authenticate', 'login', 'logout', 'create_user', 'UserCreationForm'],
  requires: /django/,
  patterns: [
    { pattern: /\bauthenticate\s*\(\s*(?:request|username|email)/, category: 'login', message: 'Django authenticate(): password login; login becomes a redirect to Scalekit plus a callback' },
    { pattern: /(?<![\w.])(?:auth\.)?login\s*\(\s*request\s*,/, category: 'login', message: 'Django login(request, user) logs the user in with a legacy session: after the switch the Scalekit callback starts it' },
    { pattern: /(?<![\w.])(?:auth\.)?logout\s*\(\s*request\s*\)|\bLogoutView\b/, category: 'logout', message: 'Django logout: also redirect to the Scalekit logout URL' },
    { pattern: /\bLoginView\b/, category: 'login', message: 'Django LoginView: login becomes a redirect to Scalekit' },
    { pattern: /\bUserCreationForm\b|\.objects\.create_user\s*\(/, category: 'signup', message: 'Django user creation (sign-up): Scalekit hosted sign-up replaces it; move side effects to the callback' },
  ],
});
