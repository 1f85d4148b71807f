import { errorMessage } from '../../errors.js';
import { findAppRoutes } from '../../redirects/app-routes.js';
import { openApplies, readRedirectsJournal } from '../../redirects/journal.js';
import { SCALEKIT_ENV_VARS, connectionFromEnv, createScalekitClient } from '../../scalekit/client.js';
import { readClientUris, type ClientUris } from '../../scalekit/client-config.js';
import type { AutomaticCheck, CheckContext, CheckResult } from './types.js';

/**
 * The environment client's URLs, read once per checklist read: the three redirect items share one GetClient, and
 * the next read asks again (a URL registered in between is seen at once).
 */
function clientUris(context: CheckContext): Promise<ClientUris> {
  const connection = connectionFromEnv();
  const read = () => readClientUris(createScalekitClient(connection), connection.clientId);
  if (!context.shared) return read();
  const key = `client-uris ${connection.environmentUrl} ${connection.clientId}`;
  let uris = context.shared.get(key) as Promise<ClientUris> | undefined;
  if (!uris) context.shared.set(key, (uris = read()));
  return uris;
}

type Field = 'redirectUris' | 'postLogoutRedirectUris' | 'initiateLoginUri';

/**
 * Reads the environment client's URLs (GetClient) and decides one redirect item: a URL for the app's route is
 * registered, and every URL configureRedirects added since its last rollback is still there.
 */
function redirectCheck(field: Field, what: string): AutomaticCheck {
  return async (context): Promise<CheckResult> => {
    const { workspace } = context;
    const missing = SCALEKIT_ENV_VARS.filter((name) => !process.env[name]);
    if (missing.length) return { ok: false, detail: `cannot read the environment's ${what}: ${missing.join(', ')} not set in the server's environment` };
    let uris: ClientUris;
    try {
      uris = await clientUris(context);
    } catch (error) {
      return { ok: false, detail: `cannot read the environment's client: ${errorMessage(error)}` };
    }
    const { routes } = await findAppRoutes(workspace);
    const path = { redirectUris: routes.callback.path, postLogoutRedirectUris: routes.postLogout.path, initiateLoginUri: routes.initiateLogin.path }[field];
    const registered = field === 'initiateLoginUri' ? (uris.initiateLoginUri ? [uris.initiateLoginUri] : []) : uris[field];
    const connection = connectionFromEnv();
    const applies = openApplies(await readRedirectsJournal(workspace).catch(() => []), connection.environmentUrl, connection.clientId);
    const sent = new Set(applies.flatMap((apply) => (field === 'initiateLoginUri' ? [apply.sent.initiateLoginUri].filter(Boolean) : apply.sent[field])));
    const gone = [...sent].filter((uri) => !registered.includes(uri));
    if (field === 'initiateLoginUri' && gone.length && registered.length) gone.length = 0; // changed by a person since: not missing
    if (gone.length) return { ok: false, detail: `${gone.length} ${what} configureRedirects registered are gone: ${gone.slice(0, 3).join(', ')}` };
    const forRoute = registered.filter((uri) => pathOf(uri) === path);
    if (!forRoute.length) {
      return { ok: false, detail: `no ${what} for the app's route ${path} (${registered.length} registered): run configureRedirects` };
    }
    return { ok: true, detail: `${forRoute.join(', ')} registered (${registered.length} ${what} in the environment)` };
  };
}

function pathOf(uri: string): string | undefined {
  try {
    return new URL(uri.replace('*', 'wildcard')).pathname;
  } catch {
    return undefined;
  }
}

export const redirectUrisCheck = redirectCheck('redirectUris', 'callback URL(s)');
export const logoutUrlsCheck = redirectCheck('postLogoutRedirectUris', 'post-logout URL(s)');
export const initiateLoginCheck = redirectCheck('initiateLoginUri', 'initiate-login URL');
