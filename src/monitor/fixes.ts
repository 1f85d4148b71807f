/**
 * The troubleshooting fix for each way a sign-in fails, in the order an operator checks them.
 * Sign-in statuses are the auth requests' (see docs/emulator.md for the values assumed); token
 * reasons are the generated auth module's.
 */
export const SIGN_IN_FIXES: Readonly<Record<string, string>> = {
  USER_NOT_FOUND:
    'No Scalekit user has this email: likely an external_id/email mismatch between the legacy users and the package (email changed or normalized, user rejected on export). Run diagnoseLogin for the email, check rejects.ndjson, re-import the user.',
  NO_ACTIVE_MEMBERSHIP:
    'The user exists but has no ACTIVE membership (missing, or PENDING_INVITE after an import that sent invitations): verifyImport lists membership mismatches; re-import with invitations off or activate the membership.',
  REDIRECT_URI_NOT_REGISTERED:
    "The app's callback URL is not registered in the environment: add it to the redirect URIs (configureRedirects, or the dashboard) for every environment's public URL.",
  SSO_NOT_ENABLED:
    "The user's organization has an SSO connection that is not enabled (or not configured): finish the IdP configuration in the admin portal and enable it (checklist item sso-readiness.connections).",
  LOGIN_REQUIRED: 'The authorize request named no user and had no login page to show: the app must send users to the hosted login page or pass login_hint.',
};

export const TOKEN_FIXES: Readonly<Record<string, string>> = {
  expired: 'Expired access tokens: the client must refresh before expiry (refresh_token grant) or send the user through login again.',
  audience: "The token's audience is not this app's: SCALEKIT_CLIENT_ID (or SCALEKIT_AUDIENCE) in the app differs from the client that issued the token.",
  issuer: 'The token was issued by another environment: SCALEKIT_ENVIRONMENT_URL in the app points elsewhere.',
  unknown_key: 'Signed with a key the environment does not publish: a token from another environment, a forged one, or (verify=sdk) a key rotated since the app started - restart it.',
  signature: 'The signature does not verify: a forged or altered token.',
  no_sub: 'A token without a subject: not a user access token.',
  claims: 'A claim check failed (nbf, iat): compare the clocks of the app and the client.',
  invalid: 'The token could not be verified: see the app log for the message.',
  auth_provider_legacy: 'A Scalekit token reached an app process running with AUTH_PROVIDER=legacy: set dual where Scalekit sign-ins are live.',
};

export function signInFix(status: string): string {
  return SIGN_IN_FIXES[status] ?? `Status ${status}: look the auth request up in the Scalekit dashboard's auth logs.`;
}

export function tokenFix(reason: string): string {
  return TOKEN_FIXES[reason] ?? TOKEN_FIXES.invalid!;
}

/** a***@example.com: enough to tell users apart in a sample, not the address. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return email ? '***' : '';
  return `${email[0]}***${email.slice(at)}`;
}
