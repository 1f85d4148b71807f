import type { ScalekitClient } from '@scalekit-sdk/node';
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import type { User } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import { join } from 'node:path';
import { resolvePackageDir } from '../import/package-dir.js';
import { PACKAGE_FILES } from '../package/layout.js';
import { readRecords } from '../package/read.js';
import { userRecordSchema, type UserRecord } from '../package/records.js';
import { connectionFromEnv, createScalekitClient, type ScalekitConnection } from '../scalekit/client.js';
import { fetchSignInAttempts, type SignInAttempt } from './auth-requests.js';
import type { DiagnoseResult, DiagnosisCheck } from './diagnose-result.js';
import { maskEmail, signInFix } from './fixes.js';

export interface DiagnoseOptions {
  workspace: string;
  email: string;
  /** The app's callback URL, named in the callback check's detail. */
  redirectUri?: string;
  packageDir?: string;
  /** The MCP tools keep the package inside the workspace. */
  confine?: boolean;
  connection?: ScalekitConnection;
}

/**
 * Why one person can or cannot sign in: their Scalekit user (by email), its external_id against the
 * package, each membership's status and its organization's SSO connections, the callback URL against
 * the client's redirect URIs, and their last sign-in attempts. Ids and states only.
 */
export async function diagnoseLogin(options: DiagnoseOptions): Promise<DiagnoseResult> {
  const email = options.email.trim().toLowerCase();
  const connection = options.connection ?? connectionFromEnv();
  const sdk = createScalekitClient(connection);
  const checks: DiagnosisCheck[] = [];
  const expected = await packageUser(options, email);

  let user = await userByEmail(sdk, email);
  if (user) checks.push({ name: 'user-present', ok: true, detail: `Scalekit user ${user.id}` });
  else if (expected) {
    const byLegacyId = await sdk.user.getUserByExternalId?.(expected.external_id).then((r) => r.user, () => undefined);
    checks.push({
      name: 'user-present',
      ok: false,
      detail: byLegacyId
        ? `no user with this email, but ${byLegacyId.id} has the package's external_id ${expected.external_id} with email ${maskEmail(byLegacyId.email)}: the email differs between the legacy system and Scalekit`
        : `no Scalekit user with this email nor with the package's external_id ${expected.external_id}: not imported (run importOrgs, check rejects.ndjson)`,
    });
    user = undefined;
  } else checks.push({ name: 'user-present', ok: false, detail: 'no Scalekit user with this email, and the package has no user with it either (rejected on export, or a new user)' });

  if (!expected) checks.push({ name: 'external-id', ok: null, detail: 'the package has no user with this email: nothing to compare' });
  else if (user) {
    const same = (user.externalId ?? '') === expected.external_id;
    checks.push({
      name: 'external-id',
      ok: same,
      detail: same ? `external_id ${expected.external_id} as in the package` : `external_id is "${user.externalId ?? ''}", the package says ${expected.external_id}: the app will see the wrong legacy id (xuid)`,
    });
  } else checks.push({ name: 'external-id', ok: null, detail: 'no Scalekit user to compare' });

  const memberships = user ? await membershipStates(sdk, user) : [];
  if (user) {
    const active = memberships.filter((m) => m.status === 'ACTIVE');
    const missing = (expected?.memberships ?? []).map((m) => m.org_external_id).filter((org) => !memberships.some((m) => m.organizationExternalId === org));
    const inactive = memberships.filter((m) => m.status !== 'ACTIVE').map((m) => `${m.organizationExternalId ?? m.organizationId} ${m.status}`);
    const problems = [...missing.map((org) => `${org} missing`), ...inactive];
    checks.push({
      name: 'membership-active',
      ok: active.length > 0 && problems.length === 0,
      detail: problems.length ? `${active.length} active; ${problems.join(', ')}` : `${active.length} active membership(s)`,
    });
    const sso = memberships.filter((m) => m.sso.connections > 0);
    const disabled = sso.filter((m) => m.sso.enabled.length === 0);
    checks.push({
      name: 'organization-sso',
      ok: disabled.length === 0,
      detail: !sso.length
        ? 'no SSO connection in the user\'s organizations: password/passwordless/social login applies'
        : disabled.length
          ? `SSO connection(s) not enabled for ${disabled.map((m) => m.organizationExternalId ?? m.organizationId).join(', ')}: SSO sign-ins there fail`
          : `SSO enabled for ${sso.map((m) => m.organizationExternalId ?? m.organizationId).join(', ')}`,
    });
  } else {
    checks.push({ name: 'membership-active', ok: null, detail: 'no Scalekit user' });
    checks.push({ name: 'organization-sso', ok: null, detail: 'no Scalekit user' });
  }

  const { attempts } = await fetchSignInAttempts(sdk, { email, max: 5 });
  checks.push(callbackCheck(attempts, options.redirectUri));
  const recentSignIns = attempts.map((a) => ({ authRequestId: a.authRequestId, status: a.status, at: a.at }));
  const lastFailure = attempts.find((a) => a.status !== 'SUCCESS');
  checks.push({
    name: 'recent-sign-ins',
    ok: attempts.length ? attempts[0]!.status === 'SUCCESS' : null,
    detail: !attempts.length
      ? 'no sign-in attempt recorded for this email'
      : attempts[0]!.status === 'SUCCESS'
        ? `last attempt succeeded (${attempts[0]!.at})`
        : `last attempt ${attempts[0]!.status}: ${signInFix(attempts[0]!.status)}`,
  });

  const failing = checks.filter((c) => c.ok === false);
  return {
    email: maskEmail(email),
    environment: connection.environmentUrl,
    userId: user?.id ?? null,
    package: expected ? { externalId: expected.external_id, organizations: expected.memberships.map((m) => m.org_external_id) } : null,
    checks,
    memberships,
    recentSignIns,
    ok: failing.length === 0,
    next: failing.length
      ? `Next: fix ${failing[0]!.name} (${failing[0]!.detail.split(':')[0]}), then ask the user to sign in again and call diagnoseLogin once more.`
      : lastFailure
        ? 'Next: everything checks out now; the earlier failure should not repeat - call monitorCutover to watch the rate.'
        : 'Next: nothing blocks this user; call monitorCutover for the overall picture.',
  };
}

async function packageUser(options: DiagnoseOptions, email: string): Promise<UserRecord | undefined> {
  let packageDir: string;
  try {
    packageDir = await resolvePackageDir(options.workspace, options.packageDir, options.confine ?? false);
    for await (const { record } of readRecords(join(packageDir, PACKAGE_FILES.users), userRecordSchema)) {
      if (record.email.toLowerCase() === email) return record;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return undefined;
}

async function userByEmail(sdk: ScalekitClient, email: string): Promise<User | undefined> {
  const found = await sdk.user.searchUsers(email, 10);
  return found.users.find((u) => u.email.toLowerCase() === email);
}

const STATUS_NAMES: Record<number, string> = {
  [MembershipStatus.ACTIVE]: 'ACTIVE',
  [MembershipStatus.INACTIVE]: 'INACTIVE',
  [MembershipStatus.PENDING_INVITE]: 'PENDING_INVITE',
  [MembershipStatus.INVITE_EXPIRED]: 'INVITE_EXPIRED',
};

async function membershipStates(sdk: ScalekitClient, user: User): Promise<DiagnoseResult['memberships']> {
  return Promise.all(
    user.memberships.map(async (m) => {
      const [org, connections] = await Promise.all([
        sdk.organization.getOrganization(m.organizationId).then((r) => r.organization, () => undefined),
        sdk.connection.listConnections(m.organizationId).then((r) => r.connections, () => []),
      ]);
      return {
        organizationId: m.organizationId,
        organizationExternalId: org?.externalId ?? null,
        status: STATUS_NAMES[m.membershipStatus] ?? 'UNSPECIFIED',
        roles: m.roles.map((r) => r.name),
        sso: { connections: connections.length, enabled: connections.filter((c) => c.enabled).map((c) => c.id) },
      };
    }),
  );
}

/**
 * Whether the callback URL is registered, from the user's sign-in attempts: SDK 2.11's environment
 * client (ClientService.GetClient) carries no redirect URIs to compare with, so the evidence is the
 * auth log - a REDIRECT_URI_NOT_REGISTERED attempt, or a successful one after the last such refusal.
 */
function callbackCheck(attempts: SignInAttempt[], redirectUri: string | undefined): DiagnosisCheck {
  const refused = attempts.find((a) => a.status === 'REDIRECT_URI_NOT_REGISTERED');
  const succeeded = attempts.find((a) => a.status === 'SUCCESS');
  const uri = redirectUri ? ` (the app's ${redirectUri})` : '';
  if (refused && (!succeeded || succeeded.at < refused.at)) {
    return { name: 'callback-registered', ok: false, detail: `sign-in ${refused.authRequestId} was refused: redirect URI not registered${uri}; add it (configureRedirects)` };
  }
  if (succeeded) return { name: 'callback-registered', ok: true, detail: `sign-in ${succeeded.authRequestId} went through the registered callback` };
  return { name: 'callback-registered', ok: null, detail: `no sign-in attempt to judge the callback URL by${uri}` };
}
