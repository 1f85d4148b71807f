import { randomBytes } from 'node:crypto';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { Code, type ServiceImpl } from '@connectrpc/connect';
import {
  DomainService,
  DomainType,
  VerificationMethod,
  VerificationStatus,
  type DomainSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js';
import type { ApiContext } from './context.js';
import { alreadyExists, apiError, invalidArgument, notFound } from './errors.js';
import { findOrganization } from './organizations.js';
import type { DomainRecord, OrganizationRecord } from '../store/records.js';

/**
 * Public and disposable mail domains Scalekit blocks ("we maintain a blocklist"; its docs name gmail.com
 * and outlook.com). The emulator holds a short list of the best known; the service's own list is longer.
 */
const BLOCKED = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com', 'me.com',
  'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'mail.com', 'yandex.com', 'zoho.com', 'mailinator.com', 'guerrillamail.com',
]);
const HOSTNAME = /^(?=.{4,255}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const PAGE_SIZE_MAX = 100;

type Identities = { case: 'organizationId' | 'externalId'; value: string } | { case: undefined; value?: undefined };

/**
 * Organization domains: created PENDING (DNS verification: a TXT record), at most once per environment,
 * public mail domains refused. VerifyDomain succeeds once the TXT record is "published" — the emulator's
 * stand-in for DNS is `POST /_emulator/publish-txt` — and leaves the domain PENDING otherwise.
 */
export function domainService(ctx: ApiContext): Partial<ServiceImpl<typeof DomainService>> {
  const org = (identities: Identities): OrganizationRecord =>
    findOrganization(ctx, identities.case === 'organizationId' ? { case: 'id', value: identities.value } : identities.case === 'externalId' ? { case: 'externalId', value: identities.value } : { case: undefined });
  const domainOf = (organization: OrganizationRecord, id: string): DomainRecord => {
    const domain = ctx.store.domains.get(id);
    if (!domain || domain.organizationId !== organization.id) throw notFound('domain', 'id', id);
    return domain;
  };
  return {
    createDomain(req) {
      const organization = org(req.identities as Identities);
      const name = (req.domain?.domain ?? '').trim().toLowerCase().replace(/\.$/, '');
      if (!HOSTNAME.test(name)) throw invalidArgument('domain.domain', `"${req.domain?.domain}" is not a domain name`, 'hostname');
      if (BLOCKED.has(name)) {
        throw apiError(Code.InvalidArgument, 'PUBLIC_DOMAIN_NOT_ALLOWED', `"${name}" is a public or disposable mail domain and cannot be added to an organization`);
      }
      for (const existing of ctx.store.domains.values()) {
        if (existing.domain === name) throw alreadyExists('domain', 'name', name, existing.organizationId);
      }
      const now = ctx.now();
      const record: DomainRecord = {
        id: ctx.store.newId('dom_', (x) => ctx.store.domains.has(x)),
        organizationId: organization.id,
        domain: name,
        domainType: DomainType[req.domain?.domainType || DomainType.ORGANIZATION_DOMAIN]!,
        verificationStatus: 'PENDING',
        txtRecordKey: `_scalekit-verification.${name}`,
        txtRecordSecret: `scalekit-verification=${randomBytes(16).toString('hex')}`,
        createTime: now,
        updateTime: now,
      };
      ctx.store.domains.set(record.id, record);
      ctx.store.changed();
      return { domain: domainMessage(ctx, record) };
    },
    getDomain(req) {
      return { domain: domainMessage(ctx, domainOf(org(req.identities as Identities), req.id)) };
    },
    listDomains(req) {
      const organization = org(req.identities as Identities);
      const pageSize = req.pageSize ?? 0;
      if (pageSize < 0 || pageSize > PAGE_SIZE_MAX) throw invalidArgument('page_size', `must be between 0 and ${PAGE_SIZE_MAX} (got ${pageSize})`, 'int.range');
      const size = pageSize || PAGE_SIZE_MAX;
      const page = Math.max(req.pageNumber ?? 1, 1);
      const wanted = req.domainType ? DomainType[req.domainType] : undefined;
      const all = [...ctx.store.domains.values()].filter((d) => d.organizationId === organization.id && (!wanted || d.domainType === wanted));
      return { pageSize: size, pageNumber: page, domains: all.slice((page - 1) * size, page * size).map((d) => domainMessage(ctx, d)) };
    },
    verifyDomain(req) {
      const domain = domainOf(org(req.identities as Identities), req.id);
      if (ctx.store.publishedTxtRecords.has(domain.domain) && domain.verificationStatus !== 'VERIFIED') {
        domain.verificationStatus = 'VERIFIED';
        domain.updateTime = ctx.now();
        ctx.store.changed();
      }
      return { verified: domain.verificationStatus === 'VERIFIED' };
    },
    deleteDomain(req) {
      const domain = domainOf(org(req.identities as Identities), req.id);
      ctx.store.domains.delete(domain.id);
      ctx.store.changed();
      return {};
    },
  };
}

function domainMessage(ctx: ApiContext, d: DomainRecord): MessageInitShape<typeof DomainSchema> {
  return {
    id: d.id,
    domain: d.domain,
    environmentId: ctx.store.environmentId,
    organizationId: d.organizationId,
    txtRecordKey: d.txtRecordKey,
    txtRecordSecret: d.txtRecordSecret,
    verificationStatus: VerificationStatus[d.verificationStatus as keyof typeof VerificationStatus],
    verificationMethod: VerificationMethod.DNS,
    domainType: DomainType[d.domainType as keyof typeof DomainType],
    createTime: timestampFromMs(d.createTime),
    updateTime: timestampFromMs(d.updateTime),
  };
}
