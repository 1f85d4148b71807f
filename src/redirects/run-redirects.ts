import { UserInputError } from '../errors.js';
import { connectionFromEnv, createScalekitClient, type ScalekitConnection } from '../scalekit/client.js';
import { readClientUris, writeClientUris, type ClientUriField, type ClientUris } from '../scalekit/client-config.js';
import type { EnvironmentType } from '../scalekit/redirect-uri-rules.js';
import { findAppRoutes, type RouteOverrides } from './app-routes.js';
import { appendRedirectsEntry, openApplies, readRedirectsJournal, redirectsJournalPath } from './journal.js';
import { planRedirects } from './plan.js';
import type { RedirectsResult } from './result.js';

export interface RedirectsOptions extends RouteOverrides {
  workspace: string;
  /** The public base URL(s) the app is reached at in this Scalekit environment (e.g. https://app.example.com). */
  baseUrls: string[];
  /** Scalekit's rules differ: development takes http on localhost and wildcards; production does not (default). */
  environmentType?: EnvironmentType;
  /** Apply the plan (journaled first). */
  confirm?: boolean;
  /** Undo every apply since the last rollback: remove the URLs they added, put the initiate-login URL back. */
  rollback?: boolean;
  connection?: ScalekitConnection;
  /** The client to configure; the environment client the connection authenticates as by default. */
  clientId?: string;
}

/** Plans (default), applies or rolls back the environment client's callback, post-logout and initiate-login URLs. */
export async function runConfigureRedirects(options: RedirectsOptions): Promise<RedirectsResult> {
  if (options.confirm && options.rollback) throw new UserInputError('give confirm (apply the plan) or rollback, not both');
  const connection = options.connection ?? connectionFromEnv();
  const sdk = createScalekitClient(connection);
  const clientId = options.clientId ?? connection.clientId;
  const environmentType = options.environmentType ?? 'production';
  const journal = redirectsJournalPath(options.workspace);
  const current = await readClientUris(sdk, clientId).catch((error: unknown) => {
    throw new UserInputError(`cannot read the client ${clientId} of ${connection.environmentUrl} (GetClient): ${(error as Error).message}; check the SCALEKIT_* settings`);
  });
  const { routes, notes } = await findAppRoutes(options.workspace, options);
  const base = { environment: connection.environmentUrl, clientId, environmentType, baseUrls: options.baseUrls, routes, current, journal, notes };

  if (options.rollback) {
    const entries = await readRedirectsJournal(options.workspace);
    const applies = openApplies(entries, connection.environmentUrl, clientId);
    const undo = rollbackValues(applies, current);
    const fields = changedFields(current, undo.values);
    const after = fields.length ? await writeClientUris(sdk, clientId, undo.values, fields) : current;
    if (applies.length) await appendRedirectsEntry(options.workspace, { type: 'rollback', at: new Date().toISOString(), environment: connection.environmentUrl, clientId, restored: after });
    return {
      mode: 'rollback',
      ...base,
      planned: { redirectUris: { add: [], keep: after.redirectUris }, postLogoutRedirectUris: { add: [], keep: after.postLogoutRedirectUris }, initiateLoginUri: {} },
      refused: [],
      changes: fields.length,
      applied: fields.length > 0,
      after,
      rollback: { removed: undo.removed, ...(undo.restoredInitiateLogin !== undefined ? { restoredInitiateLogin: undo.restoredInitiateLogin } : {}), left: undo.left },
      next: applies.length
        ? `Next: checklist — the redirect items are open again; run configureRedirects (CLI: scalekit-migrate redirects --base-url <url>) to register them again.`
        : 'Next: nothing to roll back — no configureRedirects apply is journaled for this environment since the last rollback.',
    };
  }

  if (!options.baseUrls.length) throw new UserInputError('give the public base URL(s) the app is reached at in this environment (baseUrls / --base-url), e.g. https://app.example.com');
  const plan = planRedirects(options.baseUrls, environmentType, routes, current);
  const result: RedirectsResult = { mode: options.confirm ? 'apply' : 'plan', ...base, planned: plan.planned, refused: plan.refused, changes: plan.changes, applied: false, next: '' };
  if (!options.confirm) {
    result.next = plan.refused.length
      ? 'Next: fix or drop the refused base URLs with the user, then plan again (configureRedirects without confirm).'
      : plan.changes
        ? `Next: show this plan to the user, then configureRedirects with confirm: true (CLI: scalekit-migrate redirects ${options.baseUrls.map((url) => `--base-url ${url}`).join(' ')} --apply).`
        : 'Next: checklist — every URL the app needs is registered already.';
    return result;
  }
  if (plan.refused.length) {
    throw new UserInputError(`not applied: ${plan.refused.map((r) => `${r.uri} (${r.reason})`).join('; ')}; fix or drop these base URLs and plan again`);
  }
  const fields = changedFields(current, plan.desired);
  if (fields.length) {
    await appendRedirectsEntry(options.workspace, { type: 'apply', at: new Date().toISOString(), environment: connection.environmentUrl, clientId, previous: current, sent: plan.desired });
    result.after = await writeClientUris(sdk, clientId, plan.desired, fields);
    result.applied = true;
  } else {
    result.after = current;
  }
  result.next = 'Next: checklist (the redirect items tick themselves from the environment); to undo: configureRedirects with rollback: true (CLI: scalekit-migrate redirects --rollback).';
  return result;
}

function changedFields(from: ClientUris, to: ClientUris): ClientUriField[] {
  const fields: ClientUriField[] = [];
  if (from.redirectUris.join('\n') !== to.redirectUris.join('\n')) fields.push('redirectUris');
  if (from.postLogoutRedirectUris.join('\n') !== to.postLogoutRedirectUris.join('\n')) fields.push('postLogoutRedirectUris');
  if (from.initiateLoginUri !== to.initiateLoginUri) fields.push('initiateLoginUri');
  return fields;
}

/**
 * What the applies added comes out; what someone else registered since stays. The initiate-login URL goes
 * back to its value before the first apply, unless it changed since the apply set it.
 */
function rollbackValues(applies: ReturnType<typeof openApplies>, current: ClientUris) {
  const added = (pick: (u: ClientUris) => string[]) => new Set(applies.flatMap((a) => pick(a.sent).filter((uri) => !pick(a.previous).includes(uri))));
  const redirects = added((u) => u.redirectUris);
  const logouts = added((u) => u.postLogoutRedirectUris);
  const removed = [...current.redirectUris.filter((u) => redirects.has(u)), ...current.postLogoutRedirectUris.filter((u) => logouts.has(u))];
  const left: Array<{ uri: string; reason: string }> = [];
  let initiateLoginUri = current.initiateLoginUri;
  let restoredInitiateLogin: string | undefined;
  const setter = applies.find((a) => a.sent.initiateLoginUri !== a.previous.initiateLoginUri);
  if (setter) {
    const lastSent = [...applies].reverse().find((a) => a.sent.initiateLoginUri !== a.previous.initiateLoginUri)!.sent.initiateLoginUri;
    if (current.initiateLoginUri === lastSent) {
      initiateLoginUri = setter.previous.initiateLoginUri;
      restoredInitiateLogin = initiateLoginUri;
    } else {
      left.push({ uri: current.initiateLoginUri, reason: 'changed-since-apply: the initiate-login URL is no longer the one configureRedirects set' });
    }
  }
  return {
    values: {
      redirectUris: current.redirectUris.filter((u) => !redirects.has(u)),
      postLogoutRedirectUris: current.postLogoutRedirectUris.filter((u) => !logouts.has(u)),
      initiateLoginUri,
    },
    removed,
    restoredInitiateLogin,
    left,
  };
}
