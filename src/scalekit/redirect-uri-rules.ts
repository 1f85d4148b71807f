/**
 * Scalekit's rules for allowed callback (redirect) URLs, from its docs ("Redirect URI" reference and
 * "How to register a callback endpoint"): at most 5 per environment, at most 256 characters, no query and
 * no fragment; development environments also take http, localhost and one wildcard in the outermost
 * subdomain label (never the registrable domain itself); production takes https (or a custom app scheme) only.
 */
export const MAX_CALLBACK_URIS = 5;
export const MAX_URI_LENGTH = 256;

export type EnvironmentType = 'development' | 'production';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname.toLowerCase());
}

/** Why Scalekit would refuse this callback URL in an environment of this type, or undefined when it takes it. */
export function callbackUriProblem(uri: string, environment: EnvironmentType): string | undefined {
  if ([...uri].length > MAX_URI_LENGTH) return `longer than ${MAX_URI_LENGTH} characters`;
  const wildcards = uri.split('*').length - 1;
  const parsed = parseWithWildcard(uri);
  if (!parsed) return 'not an absolute URL';
  const { url, host } = parsed;
  if (url.search) return 'has a query string (not allowed)';
  if (url.hash || uri.includes('#')) return 'has a fragment (not allowed)';
  const scheme = url.protocol.slice(0, -1);
  const web = scheme === 'http' || scheme === 'https';
  if (scheme === 'http' && environment === 'production') return 'http is allowed in development environments only';
  if (web && isLocalHost(host) && environment === 'production') return 'localhost is allowed in development environments only';
  if (wildcards > 0) {
    if (environment === 'production') return 'wildcards are allowed in development environments only';
    return wildcardProblem(uri, host, wildcards);
  }
  return undefined;
}

/** Post-logout URLs and the initiate-login URL: http(s) only (the API's field rules). */
export function webUriProblem(uri: string, environment: EnvironmentType): string | undefined {
  if ([...uri].length > MAX_URI_LENGTH) return `longer than ${MAX_URI_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use http or https';
  if (uri.includes('*')) return 'wildcards are not allowed here';
  if (environment === 'production' && url.protocol === 'http:') return 'http is allowed in development environments only';
  if (environment === 'production' && isLocalHost(url.hostname)) return 'localhost is allowed in development environments only';
  return undefined;
}

function wildcardProblem(uri: string, host: string, wildcards: number): string | undefined {
  if (wildcards > 1) return 'only one wildcard is allowed';
  if (!host.includes('*')) return 'a wildcard is allowed in the host name only';
  const labels = host.split('.');
  const at = labels.findIndex((label) => label.includes('*'));
  if (at !== 0) return 'the wildcard must be in the outermost subdomain label';
  if (labels.length < 3) return 'a wildcard cannot stand for the registrable domain (e.g. https://*.com)';
  return uri.indexOf('*') < uri.indexOf(host) ? 'a wildcard is allowed in the host name only' : undefined;
}

/** URL parsing with `*` in the host (the WHATWG parser refuses it there). */
function parseWithWildcard(uri: string): { url: URL; host: string } | undefined {
  const hostMatch = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#:]*)/.exec(uri);
  const host = hostMatch?.[1] ?? '';
  try {
    const url = new URL(host.includes('*') ? uri.replace(host, host.replaceAll('*', 'wildcard-x')) : uri);
    return { url, host: host.toLowerCase() || url.hostname };
  } catch {
    return undefined;
  }
}

/** Does a registered callback URL (possibly with a wildcard label) admit this redirect_uri? */
export function callbackMatches(registered: string, redirectUri: string): boolean {
  if (registered === redirectUri) return true;
  if (!registered.includes('*')) return false;
  const pattern = registered.split('*').map(escapeRegExp).join('[a-zA-Z0-9-]+');
  return new RegExp(`^${pattern}$`).test(redirectUri);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
