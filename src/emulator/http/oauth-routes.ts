import { decodeJwt } from 'jose';
import type { KeyRing } from '../oauth/key-ring.js';
import { OAuthError, type TokenService } from '../oauth/tokens.js';
import type { ConnectionRecord } from '../store/records.js';
import type { AuthRequestRecord, AuthRequestStatus } from '../store/sign-in-records.js';
import { callbackMatches } from '../../scalekit/redirect-uri-rules.js';
import type { Store } from '../store/store.js';
import { parseParams, readBody, redirect, sendJson, type HttpRequest, type HttpResponse } from './io.js';

export interface OAuthRoutesContext {
  issuer(): string;
  clientId: string;
  store: Store;
  tokens: TokenService;
  keys: KeyRing;
}

/** Answers the OAuth/OIDC endpoints; returns false for any other path. */
export async function handleOAuth(ctx: OAuthRoutesContext, req: HttpRequest, res: HttpResponse, url: URL): Promise<boolean> {
  const method = req.method ?? 'GET';
  switch (url.pathname) {
    case '/oauth/token':
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      await token(ctx, req, res);
      return true;
    case '/oauth/authorize':
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      authorize(ctx, res, url.searchParams);
      return true;
    case '/oidc/logout':
      logout(ctx, res, url.searchParams);
      return true;
    case '/keys':
      sendJson(res, 200, ctx.keys.jwks());
      return true;
    case '/.well-known/openid-configuration':
      sendJson(res, 200, discovery(ctx.issuer()));
      return true;
    default:
      return false;
  }
}

function methodNotAllowed(res: HttpResponse, allowed: string): true {
  sendJson(res, 405, { error: 'invalid_request', error_description: `use ${allowed}` }, { allow: allowed });
  return true;
}

async function token(ctx: OAuthRoutesContext, req: HttpRequest, res: HttpResponse): Promise<void> {
  try {
    const params = parseParams(await readBody(req), req.headers['content-type']);
    const basic = basicCredentials(req.headers.authorization);
    ctx.tokens.checkClient(params.client_id ?? basic?.id, params.client_secret ?? basic?.secret);
    let body;
    switch (params.grant_type) {
      case 'client_credentials':
        body = await ctx.tokens.clientCredentials();
        break;
      case 'authorization_code':
        if (!params.code) throw new OAuthError(400, 'invalid_request', 'code is required');
        body = await ctx.tokens.exchangeCode(params.code, params.redirect_uri, params.code_verifier);
        break;
      case 'refresh_token':
        if (!params.refresh_token) throw new OAuthError(400, 'invalid_request', 'refresh_token is required');
        body = await ctx.tokens.refresh(params.refresh_token);
        break;
      default:
        throw new OAuthError(400, 'unsupported_grant_type', `grant_type "${params.grant_type ?? ''}" is not supported (client_credentials, authorization_code, refresh_token)`);
    }
    sendJson(res, 200, body);
  } catch (error) {
    if (error instanceof OAuthError) sendJson(res, error.status, { error: error.error, error_description: error.message });
    else if (error instanceof SyntaxError) sendJson(res, 400, { error: 'invalid_request', error_description: 'the body is not valid JSON' });
    else throw error;
  }
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/**
 * A login without a login page: `login_hint` names the user (by email) who signs in. They need an
 * ACTIVE membership — in `organization_id` when given, else their first one. `connection_id`, or an
 * `organization_id` whose organization has SSO connections, makes it an SSO login: one of them must be
 * enabled. Errors that can go back to the client are redirects with `error`, as OAuth specifies; a
 * redirect URI that is not registered is never redirected to. Every attempt from a known client is
 * recorded as an auth request, with its outcome.
 */
function authorize(ctx: OAuthRoutesContext, res: HttpResponse, q: URLSearchParams): void {
  const clientId = q.get('client_id');
  if (clientId !== ctx.clientId) {
    sendJson(res, 400, { error: 'invalid_client', error_description: `unknown client_id "${clientId ?? ''}"` });
    return;
  }
  const redirectUri = q.get('redirect_uri') ?? '';
  let target: URL;
  try {
    target = new URL(redirectUri);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('not http');
  } catch {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri must be an absolute http(s) URL' });
    return;
  }
  const email = (q.get('login_hint') ?? '').trim().toLowerCase();
  const attempt: AttemptRecord = { email, organizationId: '', connectionId: '', connectionType: '', connectionProvider: '', workflow: 'LOGIN', resourceId: '', clientId };
  const record = (status: AuthRequestStatus) => ctx.store.recordAuthRequest({ ...attempt, status, timestamp: Date.now() });
  // An unregistered redirect_uri is never redirected to (it could be an attacker's): the error stays on this page.
  const registered = ctx.store.clients.get(ctx.clientId)?.postLoginUris ?? [];
  if (!registered.some((uri) => callbackMatches(uri, redirectUri))) {
    record('REDIRECT_URI_NOT_REGISTERED');
    sendJson(res, 400, {
      error: 'invalid_request',
      error_description: `redirect_uri "${redirectUri}" is not a registered callback URL of this environment (${registered.length} registered); register it first (UpdateClient post_login_uris, or configureRedirects)`,
    });
    return;
  }
  const state = q.get('state');
  const fail = (error: string, description: string, status?: AuthRequestStatus) => {
    if (status) record(status);
    target.searchParams.set('error', error);
    target.searchParams.set('error_description', description);
    if (state !== null) target.searchParams.set('state', state);
    redirect(res, target.toString());
  };
  if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'only response_type=code is supported');
  const method = q.get('code_challenge_method') ?? (q.get('code_challenge') ? 'plain' : undefined);
  if (method && method !== 'S256' && method !== 'plain') return fail('invalid_request', 'code_challenge_method must be S256 or plain');
  if (!email) return fail('login_required', 'the emulator has no login page: pass login_hint=<email of an active user>', 'LOGIN_REQUIRED');

  let wanted = q.get('organization_id') ?? undefined;
  const sso = ssoConnection(ctx.store, q.get('connection_id') ?? undefined, wanted);
  if (sso) {
    wanted = sso.organizationId;
    Object.assign(attempt, { workflow: 'SSO', organizationId: sso.organizationId, connectionId: sso.connection?.id ?? '' });
    if (sso.connection) Object.assign(attempt, { connectionType: sso.connection.type, connectionProvider: sso.connection.provider });
    if (!sso.connection?.enabled) return fail('access_denied', `SSO is not enabled for organization ${sso.organizationId}`, 'SSO_NOT_ENABLED');
  }
  const user = ctx.store.userByEmail(email);
  if (!user) return fail('access_denied', `no user with email ${email}`, 'USER_NOT_FOUND');
  attempt.resourceId = user.id;
  const memberships = [...user.memberships.values()].filter((m) => m.status === 'ACTIVE' && (!wanted || m.organizationId === wanted));
  if (!memberships.length) {
    return fail(
      'access_denied',
      wanted ? `user has no active membership in organization ${wanted}` : 'user has no active membership (a pending invitation is not one)',
      'NO_ACTIVE_MEMBERSHIP',
    );
  }
  attempt.organizationId = memberships[0]!.organizationId;
  record('SUCCESS');
  const code = ctx.tokens.issueCode({
    userId: user.id,
    organizationId: memberships[0]!.organizationId,
    scope: q.get('scope') ?? 'openid profile email',
    nonce: q.get('nonce') ?? undefined,
    redirectUri,
    codeChallenge: q.get('code_challenge') ?? undefined,
    codeChallengeMethod: method,
  });
  target.searchParams.set('code', code);
  if (state !== null) target.searchParams.set('state', state);
  redirect(res, target.toString());
}

type AttemptRecord = Omit<AuthRequestRecord, 'seq' | 'authRequestId' | 'status' | 'timestamp'>;

/**
 * The SSO side of an authorize request: the named connection, or for an organization with SSO
 * connections its enabled one (else its first, disabled). Undefined for a plain login.
 */
function ssoConnection(store: Store, connectionId: string | undefined, organizationId: string | undefined): { organizationId: string; connection?: ConnectionRecord } | undefined {
  if (connectionId) {
    const connection = store.connections.get(connectionId);
    return { organizationId: connection?.organizationId ?? organizationId ?? '', connection };
  }
  if (!organizationId) return undefined;
  const connections = [...store.connections.values()].filter((c) => c.organizationId === organizationId);
  if (!connections.length) return undefined;
  return { organizationId, connection: connections.find((c) => c.enabled) ?? connections[0] };
}

function logout(ctx: OAuthRoutesContext, res: HttpResponse, q: URLSearchParams): void {
  const hint = q.get('id_token_hint');
  if (hint) {
    try {
      const sid = decodeJwt(hint).sid;
      if (typeof sid === 'string') ctx.tokens.endSession(sid);
    } catch {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'id_token_hint is not a JWT' });
      return;
    }
  }
  const target = q.get('post_logout_redirect_uri');
  if (!target) {
    sendJson(res, 200, { logged_out: true });
    return;
  }
  const allowed = ctx.store.clients.get(ctx.clientId)?.postLogoutRedirectUris ?? [];
  if (!allowed.includes(target)) {
    sendJson(res, 400, { error: 'invalid_request', error_description: `post_logout_redirect_uri "${target}" is not a registered post-logout URL of this environment` });
    return;
  }
  try {
    const url = new URL(target);
    const state = q.get('state');
    if (state !== null) url.searchParams.set('state', state);
    redirect(res, url.toString());
  } catch {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'post_logout_redirect_uri must be an absolute URL' });
  }
}

function discovery(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    jwks_uri: `${issuer}/keys`,
    end_session_endpoint: `${issuer}/oidc/logout`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256', 'plain'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
  };
}
