import type { Category } from '../categories.js';

/** Route paths (and route file names) that say which auth flow they serve. */
const PATHS: ReadonlyArray<readonly [Category, RegExp]> = [
  ['logout', /(?:^|[/_-])(?:log[-_]?out|sign[-_]?out|logoff)(?:$|[/_.-])/],
  ['password-reset', /(?:^|[/_-])(?:forgot[-_]?password|reset[-_]?password|password[-_]?reset|password\/(?:reset|forgot|email)|forgot|recover(?:y)?[-_]?password)(?:$|[/_.-])/],
  ['email-verification', /(?:^|[/_-])(?:verify[-_]?email|email[-_]?verif\w*|confirm[-_]?email|emails?\/(?:verify|confirm)|confirm[-_]?account|activate[-_]?account|(?:re)?send[-_](?:[a-z]+[-_])?(?:confirmation|verification))(?:$|[/_.-])/],
  ['refresh-token', /(?:^|[/_-])(?:refresh[-_]?tokens?|tokens?\/refresh)(?:$|[/_.-])|^(?:\/(?:api|v\d+|auth|oauth|session|jwt))*\/refresh$/],
  ['mfa', /(?:^|[/_-])(?:2fa|mfa|totp|two[-_]?factor|otp)(?:$|[/_.-])/],
  ['oauth-provider', /(?:^|[/_-])(?:oauth2?|sso|saml|oidc)(?:$|[/_.-])|(?:^|\/)(?:auth\/)?(?:google|github|facebook|microsoft|apple|twitter|linkedin|gitlab|azure|okta|auth0|:provider|\[provider\])(?:$|\/)|\/callback(?:$|\/)/],
  ['api-key', /(?:^|[/_-])(?:api[-_]?keys?|access[-_]?tokens|personal[-_]?access[-_]?tokens)(?:$|[/_.-])/],
  ['signup', /(?:^|[/_-])(?:sign[-_]?up|registration|create[-_]?account)(?:$|[/_.-])|^(?:\/(?:api|v\d+|auth|users?|accounts?))*\/register\/?$/],
  ['login', /(?:^|[/_-])(?:log[-_]?in|sign[-_]?in|authenticate|auth\/token)(?:$|[/_.-])|^\/(?:api\/)?(?:v\d+\/)?token$/],
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
