import { isAbsolute, join, posix } from 'node:path';
import { readAuditReport } from '../audit/read-report.js';
import type { AuditReport } from '../audit/report.js';
import { readCodemodRun } from '../middleware/run-record.js';
import { mountPrefix } from './mount-prefix.js';

export interface AppRoute {
  path: string;
  /** Where the path came from: an audit finding (file:line), the codemod's run record, an argument, or the default. */
  from: string;
}

export interface AppRoutes {
  callback: AppRoute;
  initiateLogin: AppRoute;
  postLogout: AppRoute;
}

export interface RouteOverrides {
  callbackPath?: string;
  loginPath?: string;
  postLogoutPath?: string;
}

const ROUTE_RULE = 'js.route.auth-path';
const PATH_IN_MESSAGE = /\((\/[^()\s]*)\)$/;
export const DEFAULT_CALLBACK_PATH = '/auth/callback';
const PROVIDER_NAMED = /github|google|twitter|facebook|linkedin|microsoft|azure|apple|gitlab|bitbucket|discord|slack|auth0|okta|cognito|keycloak|saml|oidc\/[^/]+\//i;
export const DEFAULT_LOGIN_PATH = '/auth/login';

/**
 * The app's login, callback and post-logout routes. The audit's route findings give router-relative paths;
 * the prefix a router is mounted under is read from the file that mounts it. The callback sits beside the
 * login route (`/auth/login` -> `/auth/callback`) unless the audit found an OAuth callback route; after a
 * logout the browser lands on the site root. Arguments win over everything read.
 */
export async function findAppRoutes(workspace: string, overrides: RouteOverrides = {}): Promise<{ routes: AppRoutes; notes: string[] }> {
  const notes: string[] = [];
  let report: AuditReport | undefined;
  try {
    report = await readAuditReport(workspace);
  } catch (error) {
    notes.push(`${(error as Error).message}; routes fall back to the defaults`);
  }
  const codemod = await readCodemodRun(workspace);
  if (codemod) notes.push(`the codemod rewrote ${codemod.dir} (${codemod.mode}, ${codemod.appliedAt}): its generated client module takes the callback URL registered here`);

  const root = report ? (isAbsolute(report.root) ? report.root : join(workspace, report.root)) : workspace;
  const found = async (category: string, want?: (path: string) => boolean): Promise<AppRoute | undefined> => {
    for (const finding of report?.findings ?? []) {
      if (finding.ruleId !== ROUTE_RULE || finding.category !== category) continue;
      const path = PATH_IN_MESSAGE.exec(finding.message)?.[1];
      if (!path || (want && !want(path))) continue;
      const mount = await mountPrefix(root, finding.file);
      const full = posix.join(mount.prefix || '/', path);
      return { path: full, from: `audit: ${finding.file}:${finding.line}${mount.at ? ` mounted at ${mount.prefix} (${mount.at})` : ''}` };
    }
    return undefined;
  };

  const login = overrides.loginPath ? { path: overrides.loginPath, from: 'argument loginPath' } : ((await found('login')) ?? { path: DEFAULT_LOGIN_PATH, from: 'default (no login route in the audit)' });
  // An existing generic OAuth/OIDC callback can take Scalekit's code; a social provider's own callback cannot.
  const oauthCallback = await found('oauth-provider', (path) => /callback/i.test(path) && !PROVIDER_NAMED.test(path));
  const callback = overrides.callbackPath
    ? { path: overrides.callbackPath, from: 'argument callbackPath' }
    : oauthCallback ?? (login.from.startsWith('default') ? { path: DEFAULT_CALLBACK_PATH, from: 'default' } : { path: posix.join(posix.dirname(login.path), 'callback'), from: `beside the login route (${login.from})` });
  const postLogout = overrides.postLogoutPath ? { path: overrides.postLogoutPath, from: 'argument postLogoutPath' } : { path: '/', from: 'default: the site root' };
  return { routes: { callback, initiateLogin: login, postLogout }, notes };
}
