import type { Category } from '../categories.js';

/** Passport strategy names (as passed to `authenticate` / `AuthGuard`) and the flow they serve. */
export function strategyCategory(name: string): Category {
  const lower = name.toLowerCase();
  if (lower === 'local') return 'login';
  if (/api-?key|headerapikey/.test(lower)) return 'api-key';
  if (/^(?:jwt|bearer|session|cookie|basic|anonymous|custom|token|access-token)$/.test(lower) || /jwt|bearer/.test(lower)) return 'session-middleware';
  return 'oauth-provider';
}

/** Passport strategy packages that log users in through another identity provider. */
export const OAUTH_STRATEGY_MODULES =
  /^(?:passport-(?:google-oauth(?:20|2)?|google-oidc|github2?|facebook|twitter|microsoft|azure-ad|azure-ad-oauth2|linkedin(?:-oauth2)?|apple|auth0|okta-oauth|oauth2?|openidconnect|saml|slack|gitlab2|discord|keycloak-oauth2-oidc|cognito-oauth2|amazon)|@node-saml\/passport-saml|@passport-js\/.*|passport-oauth2-client-password|openid-client\/passport)$/;
