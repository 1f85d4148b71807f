import { ts } from 'ts-morph';
import { chainText, stringValue, unwrap } from '../../js/expression-text.js';
import { lifetimeOf, localConstInitializer } from '../../js/facts.js';
import { astRule } from '../../js/kit.js';
import { objectArgument, recordCookie } from '../../js/session-facts.js';
import { property } from '../../js/expression-text.js';
import { AUTH_COOKIE_NAME } from '../../shared/auth-paths.js';

/** Calls that set a cookie: name first, value second, options third. */
const SETTERS =
  /^(?:res|response|reply)\.(?:cookie|setCookie)$|^(?:ctx\.cookies|context\.cookies|cookies\(\)|cookieStore|[\w$]+\.cookies|event\.cookies)\.set$|^(?:cookie|cookies)\.serialize$|^(?:serialize|setCookie)$/;

export default astRule({
  id: 'js.response.auth-cookie',
  category: 'token-issuance',
  confidence: 'high',
  message: 'Sets an auth cookie',
  keywords: ['cookie', 'Cookie', 'cookies'],
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = chainText(call.expression);
        if (!callee || !SETTERS.test(callee)) return;
        if (/^(?:serialize|setCookie|cookie\.serialize|cookies\.serialize)$/.test(callee) && !context.imports.has(/^(?:cookie|cookies-next|nookies|h3|hono\/cookie)$/)) return;
        const [first, second, third] = call.arguments;
        const nameNode = first && ts.isObjectLiteralExpression(unwrap(first)) ? property(first, 'name') : first;
        const name = cookieName(nameNode, context.sourceFile);
        const valueText = (first && ts.isObjectLiteralExpression(unwrap(first)) ? property(first, 'value') : second)?.getText(context.sourceFile) ?? '';
        const authName = name !== undefined && AUTH_COOKIE_NAME.test(name);
        if (!authName && !(name === undefined && /token|jwt|session/i.test(valueText))) return;
        if (second && unwrap(second).kind === ts.SyntaxKind.NullKeyword) return;
        const options = objectArgument(first && ts.isObjectLiteralExpression(unwrap(first)) ? first : third, context.sourceFile);
        const maxAgeNode = property(options, 'maxAge') ?? property(options, 'expires');
        const unit = /^(?:res|response)\.cookie$/.test(callee) ? 'milliseconds' : 'seconds';
        const lifetime = property(options, 'maxAge') ? lifetimeOf(maxAgeNode, /refresh/i.test(name ?? '') ? 'refresh-token' : 'cookie', unit, context) : undefined;
        if (maxAgeNode && lifetime) context.facts.lifetime(lifetime, context.at(maxAgeNode));
        if (name) recordCookie(name, options, lifetime?.value, context.at(call), context);
        context.report(call, { message: `Sets the auth cookie ${name ? `"${name}"` : 'holding a token'}: record its name and flags for the backup checklist; Scalekit sessions replace it after the switch` });
      },
    };
  },
});

function cookieName(node: ts.Node | undefined, sourceFile: ts.SourceFile): string | undefined {
  const direct = stringValue(node);
  if (direct !== undefined || !node) return direct;
  const inner = unwrap(node);
  if (ts.isIdentifier(inner)) return stringValue(localConstInitializer(inner.text, sourceFile));
  return undefined;
}
