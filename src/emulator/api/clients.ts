import type { ServiceImpl } from '@connectrpc/connect';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { ClientService, type ClientSchema, type UpdateClient } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/clients/clients_pb.js';
import { MAX_CALLBACK_URIS, callbackUriProblem, webUriProblem } from '../../scalekit/redirect-uri-rules.js';
import type { ApiContext } from './context.js';
import { invalidArguments, notFound, type FieldViolation } from './errors.js';
import type { ClientRecord } from '../store/records.js';

/** The URI fields of UpdateClient the emulator keeps; a mask path outside them is refused. */
const URI_FIELDS = ['post_login_uris', 'post_logout_redirect_uris', 'back_channel_logout_uris', 'initiate_login_uri', 'name'] as const;
type UriField = (typeof URI_FIELDS)[number];

/**
 * GetClient/UpdateClient for the environment's client. Without a mask, the fields present change
 * (proto3 cannot tell an empty list from an absent one, so an empty list leaves the value); with a
 * mask, exactly the named fields are set, which is how a list is cleared.
 */
export function clientService(ctx: ApiContext): Partial<ServiceImpl<typeof ClientService>> {
  const find = (id: string): ClientRecord => {
    const client = ctx.store.clients.get(id);
    if (!client) throw notFound('client', 'id', id);
    return client;
  };
  return {
    getClient(req) {
      return { client: clientMessage(find(req.clientId)) };
    },
    updateClient(req) {
      const client = find(req.clientId);
      const input = req.client!;
      const paths = req.mask?.paths.length ? req.mask.paths : presentFields(input);
      const unknown = paths.filter((path) => !(URI_FIELDS as readonly string[]).includes(path));
      if (unknown.length) {
        throw invalidArguments(unknown.map((path) => ({ field: `mask.paths`, description: `"${path}" cannot be updated by the emulator (it keeps ${URI_FIELDS.join(', ')})`, constraint: 'field_mask' })));
      }
      const next: Record<UriField, string[] | string> = {
        post_login_uris: input.postLoginUris,
        post_logout_redirect_uris: input.postLogoutRedirectUris,
        back_channel_logout_uris: input.backChannelLogoutUris,
        initiate_login_uri: input.initiateLoginUri ?? '',
        name: input.name,
      };
      const violations = paths.flatMap((path) => checkField(path as UriField, next[path as UriField], ctx.store.environmentType));
      if (violations.length) throw invalidArguments(violations);
      for (const path of paths as UriField[]) apply(client, path, next[path]);
      client.updateTime = ctx.now();
      ctx.store.changed();
      return { client: clientMessage(client) };
    },
  };
}

function presentFields(input: UpdateClient): string[] {
  const paths: string[] = [];
  if (input.postLoginUris.length) paths.push('post_login_uris');
  if (input.postLogoutRedirectUris.length) paths.push('post_logout_redirect_uris');
  if (input.backChannelLogoutUris.length) paths.push('back_channel_logout_uris');
  if (input.initiateLoginUri !== undefined) paths.push('initiate_login_uri');
  if (input.name) paths.push('name');
  return paths;
}

function checkField(path: UriField, value: string[] | string, environment: 'development' | 'production'): FieldViolation[] {
  const field = `client.${path}`;
  if (path === 'name') return [];
  if (typeof value === 'string') {
    const problem = value === '' ? undefined : webUriProblem(value, environment);
    return problem ? [{ field, description: `"${value}": ${problem}`, constraint: 'uri' }] : [];
  }
  const out: FieldViolation[] = [];
  if (path === 'post_login_uris' && value.length > MAX_CALLBACK_URIS) {
    out.push({ field, description: `at most ${MAX_CALLBACK_URIS} callback URLs allowed (got ${value.length})`, constraint: 'repeated.max_items' });
  }
  value.forEach((uri, i) => {
    const problem = path === 'post_login_uris' ? callbackUriProblem(uri, environment) : webUriProblem(uri, environment);
    if (problem) out.push({ field: `${field}[${i}]`, description: `"${uri}": ${problem}`, constraint: 'uri' });
  });
  return out;
}

function apply(client: ClientRecord, path: UriField, value: string[] | string): void {
  if (path === 'post_login_uris') client.postLoginUris = [...(value as string[])];
  else if (path === 'post_logout_redirect_uris') client.postLogoutRedirectUris = [...(value as string[])];
  else if (path === 'back_channel_logout_uris') client.backChannelLogoutUris = [...(value as string[])];
  else if (path === 'initiate_login_uri') client.initiateLoginUri = value as string;
  else client.name = value as string;
}

function clientMessage(client: ClientRecord): MessageInitShape<typeof ClientSchema> {
  return {
    id: client.id,
    name: client.name,
    postLoginUris: client.postLoginUris,
    postLogoutRedirectUris: client.postLogoutRedirectUris,
    backChannelLogoutUris: client.backChannelLogoutUris,
    initiateLoginUri: client.initiateLoginUri,
    clientType: 'ENV',
    grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
    createTime: timestampFromMs(client.createTime),
    updateTime: timestampFromMs(client.updateTime),
  };
}
