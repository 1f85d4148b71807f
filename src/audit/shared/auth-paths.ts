import type { Category } from '../categories.js';

/** Route paths (and route file names) that say which auth flow they serve. */
const PATHS: ReadonlyArray<readonly [Category, RegExp]> = [
  ['logout', /(?:^|[/_-])(?:log-?out|sign-?out|logoff)(?:$|[/_.-])/],
  ['password-reset', /(?:^|[/_-])(?:forgot-?password|reset-?password|password-?reset|password\/(?:reset|forgot|email)|forgot|recover(?:y)?-?password)(?:$|[/_.-])/],
  ['email-verification', /(?:^|[/_-])(?:verify-?email|email-?verif\w*|confirm-?email|email\/(?:verify|confirm)|confirm-?account|activate-?account)(?:$|[/_.-])/],
  ['refresh-token', /(?:^|[/_-])(?:refresh-?tokens?|tokens?\/refresh)(?:$|[/_.-])|^(?:\/(?:api|v\d+|auth|oauth|session|jwt))*\/refresh$/],
  ['mfa', /(?:^|[/_-])(?:2fa|mfa|totp|two-?factor|otp)(?:$|[/_.-])/],
  ['oauth-provider', /(?:^|\/)(?:oauth2?|sso|saml|oidc)(?:$|[/_.-])|(?:^|\/)(?:auth\/)?(?:google|github|facebook|microsoft|apple|twitter|linkedin|gitlab|azure|okta|auth0|:provider|\[provider\])(?:$|\/)|\/callback(?:$|\/)/],
  ['api-key', /(?:^|[/_-])(?:api-?keys?|access-?tokens|personal-?access-?tokens)(?:$|[/_.-])/],
  ['signup', /(?:^|[/_-])(?:sign-?up|registration|create-?account)(?:$|[/_.-])|^(?:\/(?:api|v\d+|auth|users?|accounts?))*\/register\/?$/],
  ['login', /(?:^|[/_-])(?:log-?in|sign-?in|authenticate|auth\/token)(?:$|[/_.-])|^\/(?:api\/)?(?:v\d+\/)?token$/],
];

/** The auth flow a route path serves, or undefined for ordinary routes. */
export function authPathCategory(path: string): Category | undefined {
  const normalized = path.toLowerCase().replace(/\\/g, '/');
  if (!normalized.includes('/') && !/^[\w-]+$/.test(normalized)) return undefined;
  for (const [category, pattern] of PATHS) if (pattern.test(normalized)) return category;
  return undefined;
}

export const AUTH_PATH_CATEGORIES: readonly Category[] = [...new Set(PATHS.map(([category]) => category))];

/** Cookie names that carry a session or a token. */
export const AUTH_COOKIE_NAME = /(?:^|[^a-z])(?:token|session|sess|sid|jwt|auth|access|refresh|remember|login|id_token)|connect\.sid|^__(?:secure|host)-/i;
