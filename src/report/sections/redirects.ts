import type { ReportData } from '../collect.js';
import { esc, notYet, section, table } from '../html.js';

/** Phase 3: the URLs configureRedirects registered (and any rollback), and the organization domains with their verification state. */
export function redirectsSection(data: ReportData): string {
  const parts: string[] = [];
  const entries = data.redirects ?? [];
  const last = [...entries].reverse().find((entry) => entry.type === 'apply');
  const lastRollback = [...entries].reverse().find((entry) => entry.type === 'rollback');
  if (!last) {
    parts.push(notYet('No redirect URLs registered by the tool yet', 'run configureRedirects (`scalekit-migrate redirects --base-url <url>`)'));
  } else {
    const added = (now: string[], before: string[]) => now.filter((uri) => !before.includes(uri));
    parts.push(`<p>Last apply ${esc(last.at)} on <code>${esc(last.environment)}</code>, client <code>${esc(last.clientId)}</code>${lastRollback && lastRollback.at > last.at ? ` — <strong>rolled back ${esc(lastRollback.at)}</strong>` : ''}.</p>`);
    parts.push(
      table(
        ['what', 'added', 'there before'],
        [
          ['callback URLs', esc(added(last.sent.redirectUris, last.previous.redirectUris).join(', ') || '-'), esc(last.previous.redirectUris.join(', ') || '-')],
          ['post-logout URLs', esc(added(last.sent.postLogoutRedirectUris, last.previous.postLogoutRedirectUris).join(', ') || '-'), esc(last.previous.postLogoutRedirectUris.join(', ') || '-')],
          ['initiate-login URL', esc(last.sent.initiateLoginUri !== last.previous.initiateLoginUri ? last.sent.initiateLoginUri : '-'), esc(last.previous.initiateLoginUri || '-')],
        ],
      ),
    );
  }
  const domains = data.verify?.result.domains ?? data.importApply?.result.domains ?? data.importPlan?.result.domains;
  if (!domains) {
    parts.push('<p>Organization domains: the package names none.</p>');
  } else {
    parts.push(`<p>Organization domains: ${esc(domains.total)} in ${esc(domains.organizations)} organizations; ${esc(domains.verified)} verified, ${esc(domains.needDnsVerification)} waiting for the customer's DNS TXT record, ${esc(domains.failed)} refused.</p>`);
    if (domains.samples.length) parts.push(table(['organization', 'domain', 'state'], domains.samples.map((s) => [esc(s.org), `<code>${esc(s.domain)}</code>`, esc(s.reason ? `${s.status}: ${s.reason}` : s.status)])));
  }
  return section('redirects', 'Redirects and organization domains', parts.join(''));
}
