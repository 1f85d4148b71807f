import type { ClientUris } from '../scalekit/client-config.js';
import { MAX_CALLBACK_URIS, callbackUriProblem, isLocalHost, webUriProblem, type EnvironmentType } from '../scalekit/redirect-uri-rules.js';
import type { AppRoutes } from './app-routes.js';
import type { RedirectsResult } from './result.js';

export type RedirectsPlan = Pick<RedirectsResult, 'planned' | 'refused' | 'changes'> & { desired: ClientUris };

/**
 * The callback, post-logout and initiate-login URLs the app needs at each base URL, against what the
 * client holds. Only additions: URLs someone registered are kept, and an initiate-login URL already set to
 * something else is left (reported). The tool's own rule comes first (http only for localhost/127.0.0.1),
 * then Scalekit's documented rules for the environment type (wildcards only in development, at most 5 callbacks).
 */
export function planRedirects(baseUrls: string[], environmentType: EnvironmentType, routes: AppRoutes, current: ClientUris): RedirectsPlan {
  const refused: RedirectsResult['refused'] = [];
  const bases: string[] = [];
  for (const base of baseUrls) {
    const problem = baseUrlProblem(base, environmentType);
    if (problem) refused.push({ uri: base, reason: problem });
    else bases.push(base.replace(/\/+$/, ''));
  }
  const at = (base: string, path: string) => `${base}${path.startsWith('/') ? path : `/${path}`}`;
  const redirectAdd: string[] = [];
  const logoutAdd: string[] = [];
  for (const base of bases) {
    const callback = at(base, routes.callback.path);
    const problem = callbackUriProblem(callback, environmentType);
    if (problem) refused.push({ uri: callback, reason: problem });
    else if (!current.redirectUris.includes(callback) && !redirectAdd.includes(callback)) redirectAdd.push(callback);
    if (base.includes('*')) continue; // a wildcard base can take callbacks only (development)
    const landing = at(base, routes.postLogout.path);
    const logoutProblem = webUriProblem(landing, environmentType);
    if (logoutProblem) refused.push({ uri: landing, reason: logoutProblem });
    else if (!current.postLogoutRedirectUris.includes(landing) && !logoutAdd.includes(landing)) logoutAdd.push(landing);
  }
  const room = MAX_CALLBACK_URIS - current.redirectUris.length;
  if (redirectAdd.length > room) {
    for (const uri of redirectAdd.splice(Math.max(room, 0))) {
      refused.push({ uri, reason: `Scalekit takes at most ${MAX_CALLBACK_URIS} callback URLs per environment and ${current.redirectUris.length} are registered: remove unused ones in the dashboard first` });
    }
  }

  const initiateBase = bases.find((base) => !base.includes('*'));
  const initiate = initiateBase ? at(initiateBase, routes.initiateLogin.path) : undefined;
  const initiateLoginUri: RedirectsResult['planned']['initiateLoginUri'] = {};
  if (initiate && !webUriProblem(initiate, environmentType)) {
    if (!current.initiateLoginUri) initiateLoginUri.set = initiate;
    else if (current.initiateLoginUri === initiate) initiateLoginUri.keep = initiate;
    else {
      initiateLoginUri.keep = current.initiateLoginUri;
      initiateLoginUri.note = `already set to ${current.initiateLoginUri}; left as it is (the app's login route would be ${initiate}): change it in the dashboard if that is wanted`;
    }
  }
  const desired: ClientUris = {
    redirectUris: [...current.redirectUris, ...redirectAdd],
    postLogoutRedirectUris: [...current.postLogoutRedirectUris, ...logoutAdd],
    initiateLoginUri: initiateLoginUri.set ?? current.initiateLoginUri,
  };
  return {
    desired,
    planned: {
      redirectUris: { add: redirectAdd, keep: current.redirectUris },
      postLogoutRedirectUris: { add: logoutAdd, keep: current.postLogoutRedirectUris },
      initiateLoginUri,
    },
    refused,
    changes: redirectAdd.length + logoutAdd.length + (initiateLoginUri.set ? 1 : 0),
  };
}

function baseUrlProblem(base: string, environmentType: EnvironmentType): string | undefined {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]*)/i.exec(base)?.[1] ?? '';
  let url: URL;
  try {
    url = new URL(host.includes('*') ? base.replace(host, host.replaceAll('*', 'x')) : base);
  } catch {
    return 'not an absolute URL (give the public base URL, e.g. https://app.example.com)';
  }
  if (url.search || url.hash) return 'a base URL has no query or fragment';
  if (url.protocol === 'http:' && !isLocalHost(url.hostname)) return 'http:// is refused except for localhost and 127.0.0.1: use the https:// URL the app is served at';
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'give the http(s) base URL the browser reaches the app at';
  if (host.includes('*') && environmentType === 'production') return 'wildcards are allowed by Scalekit in development environments only';
  return undefined;
}
