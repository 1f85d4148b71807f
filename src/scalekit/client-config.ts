import type { ScalekitClient } from '@scalekit-sdk/node';
import { ClientService, type Client } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/clients/clients_pb.js';
import { toCallError } from './call-error.js';
import { Code, ConnectError } from '@connectrpc/connect';
import { fetchAccessToken, rawClient } from './sdk-internals.js';

/**
 * Where Scalekit may send a browser for this environment's client. SDK 2.11 has no wrapper for
 * ClientService, so GetClient/UpdateClient go through the SDK's own transport (sdk-internals.ts).
 * In its protos `redirect_uris` is a reserved (removed) field; the allowed callback URLs of the code
 * flow are `post_login_uris` ("allowed redirect URIs for OAuth 2.0 authorization flows", at most 5).
 */
export interface ClientUris {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  initiateLoginUri: string;
}
export type ClientUriField = keyof ClientUris;

const MASK_PATHS: Record<ClientUriField, string> = {
  redirectUris: 'post_login_uris',
  postLogoutRedirectUris: 'post_logout_redirect_uris',
  initiateLoginUri: 'initiate_login_uri',
};

export async function readClientUris(sdk: ScalekitClient, clientId: string): Promise<ClientUris> {
  try {
    const response = await authenticated(sdk, () => rawClient(sdk, ClientService).getClient({ clientId }));
    return toUris(response.client);
  } catch (error) {
    throw toCallError('GetClient', error);
  }
}

/** Sets exactly the given fields (an update mask names them, so a list can also be emptied). */
export async function writeClientUris(sdk: ScalekitClient, clientId: string, values: ClientUris, fields: ClientUriField[]): Promise<ClientUris> {
  try {
    const response = await authenticated(sdk, () =>
      rawClient(sdk, ClientService).updateClient({
        clientId,
        client: { postLoginUris: values.redirectUris, postLogoutRedirectUris: values.postLogoutRedirectUris, initiateLoginUri: values.initiateLoginUri },
        mask: { paths: fields.map((field) => MASK_PATHS[field]) },
      }),
    );
    return toUris(response.client);
  } catch (error) {
    throw toCallError('UpdateClient', error);
  }
}

function toUris(client: Client | undefined): ClientUris {
  return {
    redirectUris: [...(client?.postLoginUris ?? [])],
    postLogoutRedirectUris: [...(client?.postLogoutRedirectUris ?? [])],
    initiateLoginUri: client?.initiateLoginUri ?? '',
  };
}

/** The raw client does not fetch the token itself (the SDK does that inside its wrappers): fetch it once when refused. */
async function authenticated<T>(sdk: ScalekitClient, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof ConnectError) || error.code !== Code.Unauthenticated) throw error;
    await fetchAccessToken(sdk);
    return send();
  }
}
