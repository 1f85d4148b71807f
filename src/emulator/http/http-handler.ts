import type { RestGateway } from '../rest/gateway.js';
import { handleAdmin, type AdminContext } from './admin-routes.js';
import { sendJson, type HttpRequest, type HttpResponse } from './io.js';
import { handleOAuth, type OAuthRoutesContext } from './oauth-routes.js';

/** Every plain HTTP request (HTTP/1.1 or h2c): `/_emulator/*`, the REST gateway under `/api/`, the OAuth endpoints. */
export function createHttpHandler(admin: AdminContext, gateway: RestGateway, oauth: OAuthRoutesContext, log: (message: string) => void) {
  return async (req: HttpRequest, res: HttpResponse): Promise<void> => {
    const target = new URL(req.url ?? '/', 'http://emulator');
    try {
      if (target.pathname.startsWith('/_emulator/')) await handleAdmin(admin, req, res, target);
      else if (target.pathname.startsWith('/api/')) await gateway.handle(req, res, target);
      else if (!(await handleOAuth(oauth, req, res, target))) {
        sendJson(res, 404, { error: 'not_found', error_description: `no route ${req.method} ${target.pathname}` });
      }
    } catch (error) {
      log(`internal error on ${req.method} ${target.pathname}: ${(error as Error).message}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', error_description: (error as Error).message });
    }
  };
}
