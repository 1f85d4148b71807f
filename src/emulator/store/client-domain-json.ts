import { z } from 'zod';
import type { Store } from './store.js';

/** The environment's client and organization domains in the state file (snake_case, like the API). */
export const clientStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  post_login_uris: z.array(z.string()),
  post_logout_redirect_uris: z.array(z.string()),
  back_channel_logout_uris: z.array(z.string()),
  initiate_login_uri: z.string(),
  create_time: z.string(),
  update_time: z.string(),
});

export const domainStateSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  domain: z.string(),
  domain_type: z.string(),
  verification_status: z.string(),
  txt_record_key: z.string(),
  txt_record_secret: z.string(),
  create_time: z.string(),
  update_time: z.string(),
});

export const clientDomainStateShape = {
  environment_type: z.enum(['development', 'production']).optional(),
  clients: z.array(clientStateSchema).optional(),
  domains: z.array(domainStateSchema).optional(),
  published_txt_records: z.array(z.string()).optional(),
};
const clientDomainStateSchema = z.object(clientDomainStateShape);
type ClientDomainState = z.infer<typeof clientDomainStateSchema>;

const iso = (ms: number) => new Date(ms).toISOString();

export function clientDomainStateToJson(store: Store): Required<ClientDomainState> {
  return {
    environment_type: store.environmentType,
    clients: [...store.clients.values()].map((c) => ({
      id: c.id,
      name: c.name,
      post_login_uris: [...c.postLoginUris],
      post_logout_redirect_uris: [...c.postLogoutRedirectUris],
      back_channel_logout_uris: [...c.backChannelLogoutUris],
      initiate_login_uri: c.initiateLoginUri,
      create_time: iso(c.createTime),
      update_time: iso(c.updateTime),
    })),
    domains: [...store.domains.values()].map((d) => ({
      id: d.id,
      organization_id: d.organizationId,
      domain: d.domain,
      domain_type: d.domainType,
      verification_status: d.verificationStatus,
      txt_record_key: d.txtRecordKey,
      txt_record_secret: d.txtRecordSecret,
      create_time: iso(d.createTime),
      update_time: iso(d.updateTime),
    })),
    published_txt_records: [...store.publishedTxtRecords],
  };
}

export function loadClientDomainState(store: Store, state: ClientDomainState): void {
  if (state.environment_type) store.environmentType = state.environment_type;
  for (const c of state.clients ?? []) {
    store.clients.set(c.id, {
      id: c.id,
      name: c.name,
      postLoginUris: c.post_login_uris,
      postLogoutRedirectUris: c.post_logout_redirect_uris,
      backChannelLogoutUris: c.back_channel_logout_uris,
      initiateLoginUri: c.initiate_login_uri,
      createTime: Date.parse(c.create_time),
      updateTime: Date.parse(c.update_time),
    });
  }
  for (const d of state.domains ?? []) {
    if (!store.organizations.has(d.organization_id)) continue;
    store.domains.set(d.id, {
      id: d.id,
      organizationId: d.organization_id,
      domain: d.domain,
      domainType: d.domain_type,
      verificationStatus: d.verification_status,
      txtRecordKey: d.txt_record_key,
      txtRecordSecret: d.txt_record_secret,
      createTime: Date.parse(d.create_time),
      updateTime: Date.parse(d.update_time),
    });
  }
  for (const name of state.published_txt_records ?? []) store.publishedTxtRecords.add(name);
}

/** The client the emulator authenticates (`--client-id`): present from the start, with no URLs registered unless seeded. */
export function ensureClient(store: Store, clientId: string, seed: { redirect_uris?: string[]; post_logout_redirect_uris?: string[]; initiate_login_uri?: string } | undefined): void {
  if (store.clients.has(clientId)) return;
  const now = Date.now();
  store.clients.set(clientId, {
    id: clientId,
    name: 'Environment client',
    postLoginUris: [...(seed?.redirect_uris ?? [])],
    postLogoutRedirectUris: [...(seed?.post_logout_redirect_uris ?? [])],
    backChannelLogoutUris: [],
    initiateLoginUri: seed?.initiate_login_uri ?? '',
    createTime: now,
    updateTime: now,
  });
}
