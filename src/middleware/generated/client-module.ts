import { GENERATED_MARKER } from './auth-module.js';

/**
 * The TypeScript source of the app's Scalekit client module: the SDK client from the SCALEKIT_*
 * variables and the login, callback, refresh and logout helpers. Kept apart from the auth module
 * because the SDK is Node-only (Next.js middleware runs on the edge and imports only the auth module).
 */
export function clientModuleSource(options: { typescript?: readonly [number, number] } = {}): string {
  const [major, minor] = options.typescript ?? [99, 0];
  // The SDK's type declarations (and those of its protobuf runtime) need TypeScript 4.5: older compilers cannot even parse them.
  const typedSdk = major > 4 || (major === 4 && minor >= 5);
  const sdkImport = typedSdk
    ? `import { ScalekitClient } from '@scalekit-sdk/node';`
    : `// This app compiles with TypeScript ${major}.${minor}, which cannot read the SDK's type declarations (4.5+): the client is typed loosely.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ScalekitClient } = require('@scalekit-sdk/node') as { ScalekitClient: new (environmentUrl: string, clientId: string, clientSecret: string) => any };
type ScalekitClient = any;`;
  return `/* eslint-disable */
// ${GENERATED_MARKER}. Running the codemod again regenerates this file.
//
// Environment: SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET (never commit the secret).
${sdkImport}

let client: ScalekitClient | undefined;

function requiredSetting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set: the Scalekit client needs SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET\`);
  return value;
}

/** The Scalekit SDK client, created on first use from the SCALEKIT_* variables. */
export function scalekit(): ScalekitClient {
  if (!client) client = new ScalekitClient(requiredSetting('SCALEKIT_ENVIRONMENT_URL'), requiredSetting('SCALEKIT_CLIENT_ID'), requiredSetting('SCALEKIT_CLIENT_SECRET'));
  return client;
}

export interface LoginOptions {
  /** Random value kept in an httpOnly cookie and compared in the callback. */
  state: string;
  loginHint?: string;
  organizationId?: string;
  connectionId?: string;
  /** PKCE: the S256 challenge of a verifier kept with the state. */
  codeChallenge?: string;
}

/** Where the login route redirects the browser. \`offline_access\` is requested so a refresh token comes back. */
export function loginUrl(redirectUri: string, options: LoginOptions): string {
  return scalekit().getAuthorizationUrl(redirectUri, {
    state: options.state,
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    ...(options.loginHint ? { loginHint: options.loginHint } : {}),
    ...(options.organizationId ? { organizationId: options.organizationId } : {}),
    ...(options.connectionId ? { connectionId: options.connectionId } : {}),
    ...(options.codeChallenge ? { codeChallenge: options.codeChallenge, codeChallengeMethod: 'S256' } : {}),
  });
}

/** The callback: exchanges the code (after the caller checked \`state\`) for the user and tokens. */
export async function exchangeCode(code: string, redirectUri: string, codeVerifier?: string) {
  const result = await scalekit().authenticateWithCode(code, redirectUri, codeVerifier ? { codeVerifier } : undefined);
  return { user: result.user, accessToken: result.accessToken, refreshToken: result.refreshToken, idToken: result.idToken, expiresIn: result.expiresIn };
}

/** New tokens for a refresh token; store the returned refresh token, it may have rotated. */
export async function refreshTokens(refreshToken: string): Promise<{ accessToken: string; refreshToken: string }> {
  const result = await scalekit().refreshAccessToken(refreshToken);
  return { accessToken: result.accessToken, refreshToken: result.refreshToken };
}

/** Where to send the browser (top-level navigation) after clearing the app's cookies. */
export function logoutUrl(options: { idToken?: string; postLogoutRedirectUri?: string; state?: string } = {}): string {
  return scalekit().getLogoutUrl({
    ...(options.idToken ? { idTokenHint: options.idToken } : {}),
    ...(options.postLogoutRedirectUri ? { postLogoutRedirectUri: options.postLogoutRedirectUri } : {}),
    ...(options.state ? { state: options.state } : {}),
  });
}
`;
}
