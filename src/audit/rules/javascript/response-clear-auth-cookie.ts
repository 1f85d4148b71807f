import { ts } from 'ts-morph';
import { chainText, stringValue, unwrap } from '../../js/expression-text.js';
import { localConstInitializer } from '../../js/facts.js';
import { astRule } from '../../js/kit.js';
import { AUTH_COOKIE_NAME } from '../../shared/auth-paths.js';

const CLEARERS = /^(?:res|response|reply|ctx\.cookies|cookies\(\)|cookieStore|[\w$]+\.cookies|c)\.(?:clearCookie|delete|remove|unstate)$|^(?:h)\.unstate$|^(?:deleteCookie|destroyCookie)$/;

export default astRule({
  id: 'js.response.clear-auth-cookie',
  category: 'logout',
  confidence: 'high',
  message: 'Clears an auth cookie at logout: keep clearing app cookies, then redirect to Scalekit getLogoutUrl',
  keywords: ['clearCookie', 'delete(', 'deleteCookie', 'destroyCookie', 'unstate', 'cookies.set('],
  gate: (text) => /clearCookie|unstate|deleteCookie|destroyCookie|cookies\s*\.\s*set\s*\(|cookie[\w$()\s.?!]*\.\s*(?:delete|remove)\s*\(/i.test(text),
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = chainText(call.expression);
        if (!callee) return;
        const clearing = CLEARERS.test(callee) || (/^(?:ctx|context)\.cookies\.set$/.test(callee) && call.arguments[1] !== undefined && unwrap(call.arguments[1]).kind === ts.SyntaxKind.NullKeyword);
        if (!clearing) return;
        if (/\.(?:delete|remove)$/.test(callee) && !/cookie/i.test(callee)) return;
        const nameIndex = /^(?:deleteCookie|destroyCookie)$/.test(callee) && call.arguments.length > 1 ? 1 : 0;
        let name = stringValue(call.arguments[nameIndex]);
        const argument = call.arguments[nameIndex];
        if (name === undefined && argument && ts.isIdentifier(unwrap(argument))) name = stringValue(localConstInitializer((unwrap(argument) as ts.Identifier).text, context.sourceFile));
        if (name === undefined || !AUTH_COOKIE_NAME.test(name)) return;
        context.report(call, { message: `Clears the auth cookie "${name}" at logout: keep clearing app cookies, then redirect to Scalekit getLogoutUrl` });
      },
    };
  },
});
