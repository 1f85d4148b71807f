import { vendorRule } from '../../js/vendor-rule.js';

export default vendorRule({
  id: 'js.lucia.auth',
  confidence: 'high',
  message: 'Lucia',
  keywords: ['lucia', 'Lucia'],
  modules: /^(?:lucia|@lucia-auth\/[\w-]+)$/,
  usedWhen: /lucia/i,
  methods: {
    Lucia: { category: 'auth-config', message: 'Lucia configuration: legacy session cookie and adapter (session and user tables)' },
    createSession: { category: 'token-issuance', message: 'Lucia createSession issues a legacy session: after the switch the Scalekit callback starts the session' },
    createSessionCookie: { category: 'token-issuance', message: 'Lucia session cookie: record its name and lifetime for the backup checklist' },
    validateSession: { category: 'session-middleware', message: 'Lucia validateSession checks the legacy session: updateMiddleware adds Scalekit validation (dual mode)' },
    readSessionCookie: { category: 'session-middleware', message: 'Lucia reads the legacy session cookie' },
    readBearerToken: { category: 'session-middleware', message: 'Lucia reads a legacy bearer session token' },
    invalidateSession: { category: 'logout', message: 'Lucia invalidateSession (logout): also redirect to Scalekit getLogoutUrl' },
    invalidateUserSessions: { category: 'logout', message: 'Lucia invalidateUserSessions ("log out everywhere"): map to Scalekit session revocation' },
    createBlankSessionCookie: { category: 'logout', message: 'Lucia blank session cookie (logout): keep clearing it, then redirect to Scalekit getLogoutUrl' },
  },
  importOnly: ['createSession'],
});
