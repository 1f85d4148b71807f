import { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { errorMessage } from '../../errors.js';
import { roleRecordSchema } from '../../package/records.js';
import { fetchAccessToken, rawClient } from '../../scalekit/sdk-internals.js';
import { isCheckResult, listSome, PACKAGE, packageRecords, scalekitAccess } from './scalekit-access.js';
import type { AutomaticCheck } from './types.js';

/**
 * Item `redirects-roles.roles`: every role of the package exists in Scalekit with the same
 * permissions, and Scalekit's default member role is the package's (`default_member`), or at least
 * one of the package's roles when the package names none.
 */
export const rolesMatchCheck: AutomaticCheck = async ({ workspace }) => {
  const access = await scalekitAccess(workspace);
  if (isCheckResult(access)) return access;
  const wanted = await packageRecords(access.packageDir, PACKAGE.roles, roleRecordSchema);
  if (!wanted.length) return { ok: false, detail: `no roles in ${access.packageDir}: export the package first` };
  let remote;
  try {
    await fetchAccessToken(access.sdk);
    remote = (await rawClient(access.sdk, RolesService).listRoles({})).roles;
  } catch (error) {
    return { ok: false, detail: `cannot list Scalekit roles: ${errorMessage(error)}` };
  }
  const byName = new Map(remote.map((role) => [role.name, role]));
  const missing: string[] = [];
  const differing: string[] = [];
  for (const role of wanted) {
    const found = byName.get(role.name);
    if (!found) {
      missing.push(role.name);
      continue;
    }
    const have = new Set(found.permissions.map((p) => p.name));
    const want = new Set(role.permissions ?? []);
    const lacking = [...want].filter((p) => !have.has(p));
    const extra = [...have].filter((p) => !want.has(p));
    if (lacking.length || extra.length) {
      differing.push(`${role.name} (${[lacking.length ? `lacks ${listSome(lacking, 2)}` : '', extra.length ? `has extra ${listSome(extra, 2)}` : ''].filter(Boolean).join(', ')})`);
    }
  }
  const defaultRole = remote.find((role) => role.defaultMember)?.name;
  const packageDefault = wanted.find((role) => role.default_member)?.name;
  const defaultProblem = !defaultRole
    ? 'Scalekit has no default member role'
    : packageDefault && defaultRole !== packageDefault
      ? `the default member role is ${defaultRole}, the package says ${packageDefault}`
      : !packageDefault && !wanted.some((role) => role.name === defaultRole)
        ? `the default member role ${defaultRole} is not one of the package's roles`
        : undefined;
  const problems = [
    missing.length ? `missing in Scalekit: ${listSome(missing)}` : '',
    differing.length ? `permissions differ: ${listSome(differing, 2)}` : '',
    defaultProblem ?? '',
  ].filter(Boolean);
  if (problems.length) return { ok: false, detail: `${problems.join('; ')} (importOrgs creates roles; fix permissions or the default role in Scalekit)` };
  return { ok: true, detail: `${wanted.length} role(s) match by name and permissions; default member role ${defaultRole}` };
};
