import type { DescService } from '@bufbuild/protobuf';
import { createClient, type Client, type Transport } from '@connectrpc/connect';
import type { ScalekitClient } from '@scalekit-sdk/node';

/**
 * The two parts of `@scalekit-sdk/node` 2.11 the importer needs beyond its public wrappers.
 * Both are private in the SDK's typings but stable in its runtime:
 * - `grpcConnect.createClient(Service)`: a raw connect client on the SDK's own transport, with the
 *   SDK's headers and bearer token. Used because the wrappers drop fields (organization metadata,
 *   membership roles, `cascade`) and because `connectExec` turns the ConnectError into an exception
 *   without its response metadata (Retry-After, request id) and retries UNAVAILABLE on its own,
 *   behind the importer's pacer.
 * - `coreClient.authenticateClient()`: the SDK's client-credentials token fetch, so the importer
 *   fetches one token before fanning out instead of one per concurrent first call.
 */
interface SdkInternals {
  grpcConnect: { createClient<S extends DescService>(service: S): Client<S>; transport: Transport };
  coreClient: { authenticateClient(): Promise<void>; accessToken: string | null };
}

function internals(client: ScalekitClient): SdkInternals {
  const candidate = client as unknown as Partial<SdkInternals>;
  if (typeof candidate.grpcConnect?.createClient !== 'function' || typeof candidate.coreClient?.authenticateClient !== 'function') {
    throw new Error('this version of @scalekit-sdk/node does not expose grpcConnect/coreClient as 2.11 does; the importer needs them');
  }
  return candidate as SdkInternals;
}

/** `wrap` puts something around the SDK's transport (see observed-transport.ts); the SDK's headers and token stay. */
export function rawClient<S extends DescService>(client: ScalekitClient, service: S, wrap?: (transport: Transport) => Transport): Client<S> {
  const grpcConnect = internals(client).grpcConnect;
  if (!wrap) return grpcConnect.createClient(service);
  if (!grpcConnect.transport) throw new Error('this version of @scalekit-sdk/node does not expose its gRPC transport as 2.11 does');
  return createClient(service, wrap(grpcConnect.transport));
}

/** Fetches an access token through the SDK; later calls carry it. */
export async function fetchAccessToken(client: ScalekitClient): Promise<void> {
  await internals(client).coreClient.authenticateClient();
}
