import type { ServiceImpl } from '@connectrpc/connect';
import {
  OrganizationService,
  type GetOrganizationRequest,
  type UpdateOrganizationRequest,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import type { ApiContext } from './context.js';
import { alreadyExists, invalidArgument, notFound } from './errors.js';
import { checkPageSize, pageOf } from './paging.js';
import { organizationMessage } from './to-proto.js';
import type { OrganizationRecord } from '../store/records.js';

type Identities = GetOrganizationRequest['identities'];

export function findOrganization(ctx: ApiContext, identities: Identities): OrganizationRecord {
  const { store } = ctx;
  if (identities.case === 'id') {
    const org = store.organizations.get(identities.value);
    if (!org) throw notFound('organization', 'id', identities.value);
    return org;
  }
  if (identities.case === 'externalId') {
    const id = store.orgIdByExternalId.get(identities.value);
    if (!id) throw notFound('organization', 'external_id', identities.value);
    return store.organizations.get(id)!;
  }
  throw invalidArgument('id', 'give the organization id or external_id', 'required');
}

export function organizationById(ctx: ApiContext, id: string): OrganizationRecord {
  return findOrganization(ctx, { case: 'id', value: id });
}

function claimExternalId(ctx: ApiContext, externalId: string, self?: OrganizationRecord): void {
  const holder = ctx.store.orgIdByExternalId.get(externalId);
  if (holder && holder !== self?.id) throw alreadyExists('organization', 'external_id', externalId, holder);
}

function claimSlug(ctx: ApiContext, slug: string, self?: OrganizationRecord): void {
  for (const org of ctx.store.organizations.values()) {
    if (org.slug === slug && org !== self) throw alreadyExists('organization', 'slug', slug, org.id);
  }
}

export function organizationService(ctx: ApiContext): Partial<ServiceImpl<typeof OrganizationService>> {
  const { store } = ctx;
  const get = (req: GetOrganizationRequest) => ({ organization: organizationMessage(findOrganization(ctx, req.identities)) });
  return {
    createOrganization(req) {
      const input = req.organization!;
      if (input.externalId) claimExternalId(ctx, input.externalId);
      if (input.slug) claimSlug(ctx, input.slug);
      const now = ctx.now();
      const org: OrganizationRecord = {
        id: store.newId('org_', (id) => store.organizations.has(id)),
        externalId: input.externalId || undefined,
        displayName: input.displayName,
        metadata: { ...input.metadata },
        slug: input.slug || undefined,
        logoUrl: input.logoUrl || undefined,
        createTime: now,
        updateTime: now,
      };
      store.insertOrganization(org);
      return { organization: organizationMessage(org) };
    },

    getOrganization: get,
    getOrganizationByExternalId: get,

    listOrganization(req) {
      checkPageSize(req.pageSize, 10, 100);
      if (req.externalId !== undefined) {
        const id = store.orgIdByExternalId.get(req.externalId);
        const orgs = id ? [store.organizations.get(id)!] : [];
        return { organizations: orgs.map(organizationMessage), totalSize: orgs.length, nextPageToken: '' };
      }
      const page = pageOf(store.orgOrder, req.pageToken, req.pageSize);
      return {
        organizations: page.ids.map((id) => organizationMessage(store.organizations.get(id)!)),
        nextPageToken: page.nextPageToken,
        totalSize: store.orgOrder.size,
      };
    },

    updateOrganization(req) {
      const org = findOrganization(ctx, req.identities);
      applyUpdate(ctx, org, req);
      org.updateTime = ctx.now();
      store.changed();
      return { organization: organizationMessage(org) };
    },

    deleteOrganization(req) {
      store.deleteOrganization(findOrganization(ctx, req.identities));
      return {};
    },
  };
}

/**
 * With an update_mask, exactly the named fields are written (so a map or name can be cleared);
 * without one, the fields that are present: optional fields when set, metadata when non-empty
 * (it then replaces the stored map).
 */
function applyUpdate(ctx: ApiContext, org: OrganizationRecord, req: UpdateOrganizationRequest): void {
  const input = req.organization;
  const paths = req.updateMask?.paths ?? [];
  const fields = paths.length
    ? new Set(paths.map((path) => path.replace(/^organization\./, '')))
    : new Set(
        [
          input?.displayName !== undefined && 'display_name',
          input?.externalId !== undefined && 'external_id',
          input && Object.keys(input.metadata).length > 0 && 'metadata',
          input?.slug !== undefined && 'slug',
          input?.logoUrl !== undefined && 'logo_url',
        ].filter((f): f is string => typeof f === 'string'),
      );
  // Check everything first, so a refused update changes nothing.
  for (const field of fields) {
    if (field === 'display_name' && !input?.displayName) {
      throw invalidArgument('organization.display_name', 'must be between 1 and 200 characters long (got 0)', 'string.min_len');
    }
    if (field === 'external_id' && input?.externalId) claimExternalId(ctx, input.externalId, org);
    if (field === 'slug' && input?.slug) claimSlug(ctx, input.slug, org);
    if (!UPDATABLE.has(field)) throw invalidArgument('update_mask', `"${field}" is not a field of an organization update`, 'update_mask');
  }
  if (fields.has('display_name')) org.displayName = input!.displayName!;
  if (fields.has('external_id')) ctx.store.setOrganizationExternalId(org, input?.externalId);
  if (fields.has('metadata')) org.metadata = { ...input?.metadata };
  if (fields.has('slug')) org.slug = input?.slug || undefined;
  if (fields.has('logo_url')) org.logoUrl = input?.logoUrl || undefined;
}

const UPDATABLE = new Set(['display_name', 'external_id', 'metadata', 'slug', 'logo_url']);
