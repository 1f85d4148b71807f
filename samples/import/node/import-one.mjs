#!/usr/bin/env node
// Import one organization and one user (with membership roles) into Scalekit through
// @scalekit-sdk/node 2.11, idempotently: every entity is looked up by external_id first,
// so a second run creates nothing and only repairs what differs.
//
// Works around three SDK 2.11 behaviours:
//   - createOrganization() drops `metadata`      -> metadata is set with updateOrganization()
//   - createUserAndMembership() drops the roles  -> roles are set with updateMembership()
//   - sendInvitationEmail left unset sends an invitation email -> every call passes false
//
// Environment (required): SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET
// Environment (optional, defaults in `input` below): ORG_EXTERNAL_ID, ORG_DISPLAY_NAME,
//   ORG_METADATA (JSON object of strings), USER_EXTERNAL_ID, USER_EMAIL, USER_FIRST_NAME,
//   USER_LAST_NAME, USER_ROLES (comma-separated role names)
// Output: one JSON summary on stdout (ids and actions only, no secrets, no PII).
// Exit: 0 done, 1 conflict or API error, 2 bad configuration.
import {
  ScalekitClient,
  ScalekitConflictException,
  ScalekitNotFoundException,
  ScalekitServiceUnavailableException,
  ScalekitTooManyRequestsException,
} from '@scalekit-sdk/node';
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';

class ConfigError extends Error {
  name = 'ConfigError';
}
class ConflictError extends Error {
  name = 'ConflictError';
}

const env = (name, fallback) => process.env[name] ?? fallback;

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new ConfigError(`${name} is not set`);
  return value;
}

function parseMetadata(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError('ORG_METADATA is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError('ORG_METADATA must be a JSON object');
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new ConfigError(`ORG_METADATA.${key} must be a string`);
  }
  return value;
}

// The SDK retries Unavailable (and HTTP 429, which reaches it as Unavailable) but surfaces
// gRPC RESOURCE_EXHAUSTED at once as ScalekitTooManyRequestsException: back off here.
async function withRetry(fn, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const transient =
        error instanceof ScalekitTooManyRequestsException || error instanceof ScalekitServiceUnavailableException;
      if (!transient || attempt >= attempts) throw error;
      const delayMs = Math.min(500 * 2 ** (attempt - 1), 8000) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

// Only gRPC NOT_FOUND means "absent". A plain HTTP 404 (wrong base URL, proxy) reaches the SDK
// as Unimplemented (ScalekitNotImplementedException) and must stay an error.
async function findOrNull(fn) {
  try {
    return await withRetry(fn);
  } catch (error) {
    if (error instanceof ScalekitNotFoundException) return null;
    throw error;
  }
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const containsAll = (actual, wanted) => Object.entries(wanted).every(([k, v]) => actual?.[k] === v);
const titleCase = (name) => name.replace(/[_-]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

async function ensureRoles(sk, names) {
  // The first call runs alone: the SDK fetches its access token lazily on the first
  // Unauthenticated answer, so a serial first call avoids concurrent token fetches.
  const { roles } = await withRetry(() => sk.role.listRoles());
  const existing = new Set(roles.map((role) => role.name));
  const created = [];
  for (const name of names) {
    if (existing.has(name)) continue;
    try {
      await withRetry(() => sk.role.createRole({ name, displayName: titleCase(name) }));
      created.push(name);
    } catch (error) {
      if (!(error instanceof ScalekitConflictException)) throw error; // created concurrently
    }
  }
  return { created, existing: names.filter((name) => !created.includes(name)) };
}

async function upsertOrganization(sk, wanted) {
  let action = 'unchanged';
  let org = (await findOrNull(() => sk.organization.getOrganizationByExternalId(wanted.externalId)))?.organization;
  if (!org) {
    try {
      org = (await withRetry(() => sk.organization.createOrganization(wanted.displayName, { externalId: wanted.externalId })))
        .organization;
      action = 'created';
    } catch (error) {
      if (!(error instanceof ScalekitConflictException)) throw error;
      org = (await withRetry(() => sk.organization.getOrganizationByExternalId(wanted.externalId))).organization;
    }
  }
  const patch = {};
  if (org.displayName !== wanted.displayName) patch.displayName = wanted.displayName;
  if (!containsAll(org.metadata, wanted.metadata)) patch.metadata = wanted.metadata;
  if (Object.keys(patch).length > 0) {
    org = (await withRetry(() => sk.organization.updateOrganization(org.id, patch))).organization;
    if (action === 'unchanged') action = 'updated';
  }
  return { org, action };
}

async function upsertUser(sk, orgId, wanted) {
  let action = 'unchanged';
  let user = (await findOrNull(() => sk.user.getUserByExternalId(wanted.externalId)))?.user;
  if (user && user.email.toLowerCase() !== wanted.email.toLowerCase()) {
    // updateUser() cannot change an email (the SDK never sends it): never guess, ask.
    throw new ConflictError(`user external_id ${wanted.externalId} (${user.id}) already has a different email`);
  }
  if (!user) {
    try {
      user = (
        await withRetry(() =>
          sk.user.createUserAndMembership(orgId, {
            email: wanted.email,
            externalId: wanted.externalId,
            userProfile: { firstName: wanted.firstName, lastName: wanted.lastName },
            sendInvitationEmail: false,
          }),
        )
      ).user;
      action = 'created';
    } catch (error) {
      if (!(error instanceof ScalekitConflictException)) throw error;
      // Our own earlier attempt may have succeeded (a retried create): look again before
      // calling it a conflict.
      const again = (await findOrNull(() => sk.user.getUserByExternalId(wanted.externalId)))?.user;
      if (again?.email.toLowerCase() !== wanted.email) {
        throw new ConflictError(
          `user external_id ${wanted.externalId}: the email already belongs to another Scalekit user (${error.message})`,
        );
      }
      user = again;
      action = 'created';
    }
  } else {
    const profile = user.userProfile;
    const firstName = profile?.givenName || profile?.firstName || '';
    const lastName = profile?.familyName || profile?.lastName || '';
    if (firstName !== (wanted.firstName ?? '') || lastName !== (wanted.lastName ?? '')) {
      user = (
        await withRetry(() =>
          sk.user.updateUser(user.id, { userProfile: { firstName: wanted.firstName, lastName: wanted.lastName } }),
        )
      ).user ?? user;
      action = 'updated';
    }
  }
  return { user, action };
}

async function ensureMembershipRoles(sk, orgId, user, roles, userWasCreated) {
  const membership = user.memberships?.find((m) => m.organizationId === orgId);
  if (!membership && !userWasCreated) {
    try {
      await withRetry(() => sk.user.createMembership(orgId, user.id, { roles, sendInvitationEmail: false }));
      return 'created';
    } catch (error) {
      if (!(error instanceof ScalekitConflictException)) throw error; // exists after all: fall through
    }
  }
  const current = membership?.roles?.map((role) => role.name) ?? [];
  // After createUserAndMembership the wanted roles are never there: the SDK does not send
  // them (the server may have applied a default role instead).
  if (userWasCreated || !membership || !sameSet(current, roles)) {
    // updateMembership() also sends `metadata` ({} when omitted): pass the current metadata
    // so a membership that carries some keeps it.
    const metadata = membership?.metadata ?? {};
    await withRetry(() => sk.user.updateMembership(orgId, user.id, { roles, metadata }));
    return 'roles-set';
  }
  return 'unchanged';
}

async function main() {
  const sk = new ScalekitClient(
    requireEnv('SCALEKIT_ENVIRONMENT_URL'),
    requireEnv('SCALEKIT_CLIENT_ID'),
    requireEnv('SCALEKIT_CLIENT_SECRET'),
  );
  const input = {
    org: {
      externalId: env('ORG_EXTERNAL_ID', 'legacy-org-1'),
      displayName: env('ORG_DISPLAY_NAME', 'Acme Corp'),
      metadata: parseMetadata(env('ORG_METADATA', '{"legacy_plan":"enterprise"}')),
    },
    user: {
      externalId: env('USER_EXTERNAL_ID', 'legacy-user-1'),
      email: env('USER_EMAIL', 'ada@example.com').trim().toLowerCase(),
      firstName: env('USER_FIRST_NAME', 'Ada'),
      lastName: env('USER_LAST_NAME', 'Lovelace'),
    },
    roles: env('USER_ROLES', 'admin')
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean),
  };
  if (input.roles.length === 0) throw new ConfigError('USER_ROLES names no role');

  const roles = await ensureRoles(sk, input.roles); // 1. roles first: memberships reference them
  const { org, action: orgAction } = await upsertOrganization(sk, input.org); // 2. organization
  const { user, action: userAction } = await upsertUser(sk, org.id, input.user); // 3. user
  const created = userAction === 'created';
  const membershipAction = await ensureMembershipRoles(sk, org.id, user, input.roles, created); // 4. membership roles

  // 5. Read back what was written: the API may accept a call and still not hold the result.
  const check = (await withRetry(() => sk.user.getUserByExternalId(input.user.externalId))).user;
  const written = check?.memberships?.find((m) => m.organizationId === org.id);
  const warnings = [];
  if (!written || !sameSet(written.roles.map((role) => role.name), input.roles)) {
    throw new Error(`read-back: membership of ${user.id} in ${org.id} does not carry roles ${input.roles.join(',')}`);
  }
  if (written.membershipStatus !== MembershipStatus.ACTIVE) {
    warnings.push(`membership status is ${MembershipStatus[written.membershipStatus]}, not ACTIVE`);
  }

  const summary = {
    roles,
    organization: { external_id: input.org.externalId, id: org.id, action: orgAction },
    user: { external_id: input.user.externalId, id: user.id, action: userAction },
    membership: { organization_id: org.id, roles: input.roles, action: membershipAction },
    warnings,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error) => {
  // Print the class and the server's message only: never the whole error object.
  process.stderr.write(`import-one: ${error.name}: ${error.message}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
});
