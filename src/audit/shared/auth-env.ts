/** Environment variable names that configure legacy auth. Scalekit's own and the AUTH_PROVIDER flag are not legacy. */
const AUTH_ENV =
  /(?:^|_)(?:JWT|JWKS?|SESSION|NEXTAUTH|AUTH|OAUTH2?|OIDC|SAML|SSO|CLERK|AUTH0|FIREBASE|COGNITO|KEYCLOAK|OKTA|IRON|LUCIA|PASSPORT|BETTER_AUTH|SUPABASE)(?:_|$)|CLIENT_SECRET|TOKEN_SECRET|COOKIE_SECRET|SIGNING_KEY|PASSWORD_PEPPER|^(?:APP_|DJANGO_|FLASK_)?SECRET(?:_KEY)?$|^SECRET_KEY_BASE$|^FIRST_SUPERUSER\w*|^ADMIN_PASSWORD$|(?:GOOGLE|GITHUB|FACEBOOK|MICROSOFT|AZURE_AD|APPLE|LINKEDIN|TWITTER|DISCORD|GITLAB)_(?:CLIENT_ID|CLIENT_SECRET|APP_ID|APP_SECRET|KEY_ID|ID|SECRET)$/;
const NOT_LEGACY = /^(?:SCALEKIT_|AUTH_PROVIDER$)|AUTHOR/;
const SECRET_LIKE = /SECRET|KEY|PASSWORD|PEPPER|PRIVATE|CREDENTIAL/;

export function isAuthEnvName(name: string): boolean {
  return AUTH_ENV.test(name) && !NOT_LEGACY.test(name);
}

/** Auth variables that hold a secret or key (the rest are ids and URLs). */
export function isSecretEnvName(name: string): boolean {
  return isAuthEnvName(name) && SECRET_LIKE.test(name) && !/PUBLISHABLE|PUBLIC_KEY|ANON_KEY$/.test(name);
}
