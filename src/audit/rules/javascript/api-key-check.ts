import { ts } from 'ts-morph';
import { chainText, unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

const HEADER = /^(?:x-api-key|api-key|apikey|x-api-token|x-auth-token|x-access-key)$/i;
const LOOKUP = /\.(?:apiKey|apiKeys|api_keys|apiToken|apiTokens|personalAccessToken|personalAccessTokens|accessKey|accessKeys)\.(?:find\w*|get|where|query)$/;

export default astRule({
  id: 'js.api-key.check',
  category: 'api-key',
  confidence: 'high',
  message: 'API key authentication: usually kept as is (or moved to Scalekit machine-to-machine clients); it must keep working in dual and scalekit modes',
  keywords: ['api-key', 'API-Key', 'Api-Key', 'apikey', 'x-api-token', 'X-API-Token', 'x-auth-token', 'X-Auth-Token', 'x-access-key', 'apiKey', 'ApiKey', 'api_key', 'apiToken', 'personalAccessToken', 'accessKey'],
  create(context) {
    return {
      [ts.SyntaxKind.StringLiteral](node) {
        const literal = node as ts.StringLiteral;
        if (!HEADER.test(literal.text)) return;
        const parent = literal.parent;
        const readsHeader =
          (ts.isElementAccessExpression(parent) && parent.argumentExpression === literal && /headers$/i.test(chainText(unwrap(parent.expression)) ?? '')) ||
          (ts.isCallExpression(parent) && parent.arguments[0] === literal && /(?:\.get|\.header|headers\(\)\.get|getHeader)$/.test(chainText(parent.expression) ?? ''));
        if (readsHeader) context.report(parent, { message: `Reads the ${literal.text} header: API key authentication; it must keep working in dual and scalekit modes` });
      },
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = chainText(call.expression);
        if (callee && LOOKUP.test(callee)) context.report(call, { confidence: 'medium', message: 'Looks up an API key or access token record: API key authentication; it must keep working in dual and scalekit modes' });
      },
    };
  },
});
