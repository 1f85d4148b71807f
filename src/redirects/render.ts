import type { RedirectsResult } from './result.js';

const MAX_LISTED = 8;

/** The readable text of a configureRedirects result: the URLs it adds or removes, and one Next line. */
export function renderRedirectsResult(result: RedirectsResult): string {
  const lines: string[] = [];
  const verb = { plan: 'Plan', apply: result.applied ? 'Applied' : 'Nothing to apply', rollback: result.applied ? 'Rolled back' : 'Nothing to roll back' }[result.mode];
  lines.push(`${verb}: redirect URLs of client ${result.clientId} in ${result.environment} (${result.environmentType} rules)`);
  const r = result.routes;
  lines.push(`App routes: callback ${r.callback.path} (${r.callback.from}); login ${r.initiateLogin.path} (${r.initiateLogin.from}); after logout ${r.postLogout.path}`);
  if (result.mode !== 'rollback') {
    const p = result.planned;
    lines.push(`Callback URLs: add ${list(p.redirectUris.add)}; registered ${list(p.redirectUris.keep)}`);
    lines.push(`Post-logout URLs: add ${list(p.postLogoutRedirectUris.add)}; registered ${list(p.postLogoutRedirectUris.keep)}`);
    const i = p.initiateLoginUri;
    lines.push(`Initiate-login URL: ${i.set ? `set ${i.set}` : i.keep ? `keep ${i.keep}` : 'none planned'}${i.note ? ` (${i.note})` : ''}`);
  }
  if (result.rollback) {
    lines.push(`Removed: ${list(result.rollback.removed)}${result.rollback.restoredInitiateLogin !== undefined ? `; initiate-login URL put back to "${result.rollback.restoredInitiateLogin}"` : ''}`);
    for (const left of result.rollback.left) lines.push(`Left: ${left.uri} (${left.reason})`);
  }
  for (const refused of result.refused.slice(0, MAX_LISTED)) lines.push(`REFUSED ${refused.uri}: ${refused.reason}`);
  if (result.refused.length > MAX_LISTED) lines.push(`… ${result.refused.length - MAX_LISTED} more refused`);
  lines.push(`Changes: ${result.changes}; journal ${result.journal}`);
  for (const note of result.notes) lines.push(`Note: ${note}`);
  lines.push(result.next);
  return lines.join('\n') + '\n';
}

function list(uris: string[]): string {
  if (!uris.length) return 'none';
  const shown = uris.slice(0, MAX_LISTED).join(', ');
  return uris.length > MAX_LISTED ? `${shown} … (${uris.length} in all)` : shown;
}
