import { ts } from 'ts-morph';
import { chainText, property, unwrap } from '../../js/expression-text.js';
import { requireSpecifier } from '../../js/imports.js';
import { astRule } from '../../js/kit.js';
import { recordJwtFact } from '../../js/jwt-facts.js';
import { objectArgument, recordSessionOptions } from '../../js/session-facts.js';

const PLUGINS: ReadonlyArray<{ module: RegExp; category: 'auth-config' | 'session-middleware' | 'oauth-provider'; message: string }> = [
  { module: /^(?:@fastify\/jwt|fastify-jwt)$/, category: 'auth-config', message: '@fastify/jwt registered: legacy JWT secret and options; request.jwtVerify() checks depend on it' },
  { module: /^(?:@fastify\/(?:session|secure-session)|fastify-session|fastify-secure-session)$/, category: 'session-middleware', message: 'Fastify session plugin: legacy login session; dual mode keeps it working until the switch' },
  { module: /^(?:@fastify\/(?:auth|basic-auth|bearer-auth)|fastify-auth)$/, category: 'session-middleware', message: 'Fastify auth plugin guards routes with legacy credentials: updateMiddleware adds Scalekit validation' },
  { module: /^(?:@fastify\/oauth2|fastify-oauth2)$/, category: 'oauth-provider', message: 'Fastify OAuth2 plugin: login through an external provider; configure the connection in Scalekit' },
];

export default astRule({
  id: 'js.fastify.auth-plugin',
  category: ['auth-config', 'session-middleware', 'oauth-provider'],
  confidence: 'high',
  message: 'Fastify auth plugin registered',
  keywords: ['@fastify/jwt', 'fastify-jwt', '@fastify/session', '@fastify/secure-session', 'fastify-session', '@fastify/auth', '@fastify/basic-auth', '@fastify/bearer-auth', 'fastify-auth', '@fastify/oauth2', 'fastify-oauth2'],
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = chainText(call.expression);
        if (!callee || !/(?:^|\.)register$/.test(callee) || !call.arguments[0]) return;
        const pluginNode = unwrap(call.arguments[0]);
        const module = requireSpecifier(pluginNode) ?? context.imports.resolve(pluginNode)?.module;
        const plugin = module ? PLUGINS.find((entry) => entry.module.test(module)) : undefined;
        if (!plugin || !module) return;
        const options = objectArgument(call.arguments[1], context.sourceFile);
        if (plugin.category === 'auth-config') {
          const sign = property(options, 'sign');
          recordJwtFact(call, { library: module, operation: 'config', secret: property(options, 'secret'), options: sign, defaultAlgorithm: 'HS256' }, context);
        } else if (plugin.category === 'session-middleware' && /session/.test(module)) {
          recordSessionOptions(
            call,
            options,
            { library: module, nameKey: 'cookieName', cookieKey: 'cookie', maxAgeUnit: module.includes('secure') ? 'seconds' : 'milliseconds', secretKeys: ['secret', 'key'], defaultStore: module.includes('secure') ? 'cookie' : 'memory' },
            context,
          );
        }
        context.report(call, { category: plugin.category, message: plugin.message });
      },
    };
  },
});
