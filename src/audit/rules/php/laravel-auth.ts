import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'php.laravel.auth',
  ecosystem: 'php',
  confidence: 'high',
  keywords: ['Auth::', 'auth()->', "'auth", '"auth', 'session()->invalidate'],
  patterns: [
    { pattern: /\bAuth::(?:guard\([^)]*\)->)?attempt\s*\(|\bauth\(\s*(?:'\w+')?\s*\)->attempt\s*\(/, category: 'login', message: 'Laravel Auth::attempt: password login; it becomes a redirect to Scalekit plus a callback' },
    { pattern: /\bAuth::(?:login|loginUsingId)\s*\(|\bauth\(\)->login\s*\(/, category: 'token-issuance', message: 'Laravel Auth::login starts a legacy session: after the switch the Scalekit callback starts it' },
    {
      pattern: /\bAuth::(?:guard\([^)]*\)->)?check\s*\(\s*\)|\bauth\(\s*\)->check\s*\(|->middleware\(\s*\[?\s*['"]auth(?::\w+)?['"]|Route::middleware\(\s*\[?\s*['"]auth(?::\w+)?['"]/,
      category: 'session-middleware',
      message: 'Laravel auth middleware / guard check: legacy session or token validation; make it accept Scalekit sessions (dual mode)',
    },
    { pattern: /\bAuth::logout\s*\(|\bauth\(\)->logout\s*\(|->session\(\)->invalidate\s*\(/, category: 'logout', message: 'Laravel logout: also redirect to the Scalekit logout URL' },
  ],
});
