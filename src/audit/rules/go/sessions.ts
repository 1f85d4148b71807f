import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'go.sessions.session',
  ecosystem: 'go',
  confidence: 'high',
  keywords: ['sessions.', 'scs.', 'session.Values', '.Options'],
  requires: /gorilla\/sessions|alexedwards\/scs|gin-contrib\/sessions/,
  patterns: [
    {
      pattern: /\bsessions\.New(?:CookieStore|FilesystemStore)\s*\(|\bscs\.New\s*\(|\bredistore\.New\w*\s*\(|\bcookie\.NewStore\s*\(/,
      category: 'session-middleware',
      message: 'Legacy session store (gorilla/sessions, scs): dual mode keeps it working until the switch',
      fact(match, context) {
        const store = /Filesystem/.test(match[0]) ? 'file' : /redistore/.test(match[0]) ? 'redis' : /CookieStore|cookie\.NewStore/.test(match[0]) ? 'cookie' : undefined;
        context.facts.session({ library: 'gorilla/sessions', ...(store ? { store } : {}) }, { line: context.line, column: match.index + 1 });
      },
    },
    { pattern: /\b\w+\.Get\s*\(\s*r\s*,\s*"[^"]+"\s*\)/, category: 'session-middleware', message: 'Reads the legacy session: make this check accept Scalekit sessions (dual mode)' },
    { pattern: /\.Values\[\s*"[^"]*(?:user|uid|account)[^"]*"\s*\]\s*=/i, category: 'token-issuance', message: 'Stores the logged-in user in the session: after the switch the Scalekit callback sets it' },
    { pattern: /\.Options\.MaxAge\s*=\s*-1|\.Destroy\s*\(\s*(?:r\.Context\(\)|ctx)/, category: 'logout', message: 'Ends the legacy session (logout): also redirect to the Scalekit logout URL' },
  ],
});
