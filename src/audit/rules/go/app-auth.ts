import { NOT_GENERATED } from '../../text/generated.js';
import { patternRule } from '../../text/kit.js';

/**
 * The app's own auth layer in Go, found by what its functions are called and how they are wired:
 * token helpers (`GenerateToken`, `VerifyToken`), password helpers, auth middleware and its
 * registration (`r.Use(AuthMiddleware())`), bearer parsing, role guards, refresh and email
 * verification flows. Generated files (sqlc, protobuf) are skipped.
 */
export default patternRule({
  id: 'go.app.auth-layer',
  ecosystem: 'go',
  confidence: 'medium',
  keywords: ['Token', 'token', 'Password', 'Auth', 'auth', 'JWT', 'Jwt', 'earer', 'Role', 'Login', 'login', 'Verif'],
  requires: NOT_GENERATED,
  patterns: [
    { pattern: /\b(?:Generate|Gen|Create|Issue|Sign|Make)(?:Access|Refresh|Auth|JWT|Jwt)?Token\s*\(|\bNew(?:Token)?(?:Payload|Claims)\s*\(/, category: 'token-issuance', message: 'Issues a token through the app\'s token helper: Scalekit issues tokens after the switch' },
    { pattern: /\b(?:Parse|Verify|Validate|Check)(?:Access|Refresh|Auth|JWT|Jwt)?Token\s*\(/, category: 'session-middleware', message: 'Verifies a token through the app\'s token helper: make it accept Scalekit tokens (dual mode)' },
    { pattern: /\bHash(?:ed)?Password\s*\(/, category: 'password-hashing', message: 'Hashes a password through the app\'s helper: Scalekit imports no hash; decide the password plan' },
    { pattern: /\b(?:Check|Compare|Verify|Match)Password(?:Hash)?\s*\(|\.Where\s*\([^)]*[Pp]assword|\b\w*(?:CheckAuth|Authenticate)\w*\s*\([^)]*[Pp]assword/, category: 'login', message: 'Checks a password: part of a password login; login moves to Scalekit' },
    {
      pattern: /\.Use\s*\(\s*(?:[\w.]+\.)?\w*(?:[Aa]uth|JWT|Jwt|jwt|[Tt]oken)\w*|^\s*func\s+\w*(?:[Aa]uth|JWT|Jwt)\w*\s*\([^)]*\)\s*(?:gin\.HandlerFunc|echo\.MiddlewareFunc|fiber\.Handler|routing\.Handler|func\s*\(\s*(?:next\s+)?http\.Handler\s*\))|\b(?:auth|jwtauth|echojwt|jwtware)\.(?:JWT|Handler|New|Verifier|Authenticator)\w*\s*\(/,
      category: 'session-middleware',
      message: 'Auth middleware (its definition or its registration on routes): make it accept Scalekit sessions (dual mode)',
    },
    { pattern: /=\s*"[Bb]earer\s?"/, category: 'session-middleware', message: 'Parses a bearer token by hand: make this check accept Scalekit tokens (dual mode)' },
    { pattern: /\.\s*authorize\w*\s*\(\s*ctx/, category: 'session-middleware', message: 'Calls the app\'s auth check: after the switch it must accept Scalekit tokens' },
    {
      pattern: /\b(?:has|check|require)(?:Permission|Role)s?\s*\(|\.Role\s*[!=]=\s*[\w.]*Role\b|^\s*\w+Role\s*=\s*"(\w+)"/,
      category: 'rbac',
      message: 'Role check or role name: map roles to Scalekit and read the roles claim',
      fact(match, context) {
        if (match[1]) context.facts.role(match[1], { line: context.line, column: match.index + 1 });
      },
    },
    { pattern: /^\s*func\s*(?:\([^)]*\)\s*)?[Ll]ogin\w*\s*\(|\.[Ll]ogin\w*\s*\(\s*(?:ctx|c\b|r\.Context)|\b(?:PostForm|FormValue)\s*\(\s*"password"\s*\)/, category: 'login', message: 'Password login handler: login moves to Scalekit (redirect plus callback)' },
    { pattern: /\b(?:POST|Post)\s*\(\s*"[^"]*"\s*,\s*[\w.]*(?:create(?:User|Account|Member)|register\w*|sign_?[Uu]p\w*)\b/, category: 'signup', message: 'Sign-up route: Scalekit hosted sign-up replaces it; move its side effects to the callback' },
    { pattern: /\b(?:POST|Post|GET|Get)\s*\(\s*"[^"]*(?:renew|refresh)[^"]*"/, category: 'refresh-token', message: 'Token refresh route: becomes a Scalekit refresh-token exchange' },
    { pattern: /\b\w*[Rr]efresh_?[Tt]oken\w*\s*(?:,|:=|=|\))|\brenewAccessToken\b/, category: 'refresh-token', message: 'Handles a legacy refresh token: becomes a Scalekit refresh-token exchange' },
    { pattern: /\b\w*[Vv]erify_?[Ee]mail\w*|\b(?:Is)?EmailVerified\b/, category: 'email-verification', message: 'Email verification flow: Scalekit verifies addresses itself; export the verified flag and retire the flow' },
    {
      pattern: /^\s*(?:[A-Z]\w*(?:JWT|Jwt|Secret|SigningKey|SymmetricKey)\w*|(?:[A-Z]\w*)?Token(?:Duration|Expir\w*|TTL|Lifetime|Key))\s+(?:string|\[\]byte|time\.Duration|int\d*)\b|\b(?:[a-z]\w*)?(?:[Jj]wt|JWT)\w*(?:Secret|Key)\s*=[^=]/,
      category: 'auth-config',
      message: 'Auth setting (signing key, token lifetime): legacy auth configuration; retire it after the switch',
    },
  ],
});
