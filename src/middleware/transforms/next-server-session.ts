import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { enclosingAuthCall, identifiersIn } from '../edit/call-sites.js';
import { enclosingFunction } from '../edit/make-async.js';
import { moduleBindings } from '../edit/imports.js';
import { replaceNode } from '../edit/replace.js';
import type { Transform, TransformContext } from './types.js';

const ROUTE_METHODS = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

/**
 * `getServerSession(...)` in route handlers, API routes, pages and server components becomes
 * `scalekitSession(() => getServerSession(...), request)` (dual) or `scalekitSession(request)` (scalekit):
 * a request with a valid Scalekit token (bearer header or the access-token cookie) gets a session whose
 * `user` is the app user; otherwise the next-auth session is read. The request is the API route's `req`
 * or the route handler's `request`; pages and server components read the current request's headers.
 */
export const nextServerSession: Transform = {
  id: 'next-server-session',
  description: 'next-auth getServerSession in route handlers and pages',
  settles: ['js.next-auth.session'],
  appliesTo: (file) => /getServerSession|getSession/.test(file.getFullText()),
  run(file, context) {
    const bindings = new Map([...moduleBindings(file, 'next-auth').named, ...moduleBindings(file, 'next-auth/next').named]);
    const client = moduleBindings(file, 'next-auth/react').named;
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (call.wasForgotten()) continue;
      const callee = call.getExpression().getText();
      if (['getServerSession', 'unstable_getServerSession'].includes(bindings.get(callee) ?? '')) context.site(call, () => rewrite(file, call, context, requestFor(call)));
      // next-auth/react's getSession on the server (getServerSideProps, an API route): it fetches the session over HTTP from the request's cookies.
      else if (client.get(callee) === 'getSession' && serverRequestOf(call)) context.site(call, () => rewrite(file, call, context, serverRequestOf(call)));
    }
  },
};

function rewrite(file: SourceFile, call: CallExpression, context: TransformContext, request: string | undefined): void {
  const wrapped = enclosingAuthCall(call, 'scalekitSession');
  if (wrapped) {
    if (context.mode === 'dual') return context.alreadyDone(call);
    const legacy = wrapped.getArguments()[0];
    if (!legacy || !Node.isArrowFunction(legacy)) return context.alreadyDone(call);
    const removed = identifiersIn(legacy);
    context.rewrite(wrapped, 'the next-auth session read is removed: Scalekit tokens only');
    wrapped.removeArgument(0);
    context.dropIfUnused(file, removed);
    return;
  }
  const name = context.useAuth(file, 'scalekitSession');
  context.makeAsync(call);
  context.rewrite(call, `${call.getExpression().getText()} accepts a Scalekit token${context.mode === 'dual' ? ' (next-auth sessions too, by AUTH_PROVIDER)' : ' only'}${request ? ` (read from ${request})` : ' (read from the request headers)'}`);
  const args = context.mode === 'dual' ? [`() => ${call.getText()}`, ...(request ? [request] : [])] : request ? [request] : [];
  const removed = context.mode === 'scalekit' ? identifiersIn(call) : new Set<string>();
  const parent = call.getParent();
  const replacement = `${name}(${args.join(', ')})`;
  replaceNode(call, parent && Node.isAwaitExpression(parent) ? replacement : `(await ${replacement})`);
  if (context.mode === 'scalekit') {
    if (request) removed.delete(request);
    context.dropIfUnused(file, removed);
  }
}

/** The request to read the token from: `getServerSession(req, res, options)`'s req, a helper's `...args` first element, or a route handler's request parameter. */
function requestFor(call: CallExpression): string | undefined {
  const args = call.getArguments();
  if (args.length === 3 && Node.isIdentifier(args[0]!)) return args[0].getText();
  const fn = enclosingFunction(call);
  if (!fn) return undefined;
  // A helper passing its own rest parameter on (`auth(...args)` -> `getServerSession(...args, options)`): the
  // request is its first element when a caller gave one (an API route's req), else absent (a server component).
  const spread = args[0];
  const rest = fn.getParameters().at(-1);
  if (spread && Node.isSpreadElement(spread) && rest?.isRestParameter() && spread.getExpression().getText() === rest.getName()) return `${rest.getName()}[0]`;
  const name = Node.isFunctionDeclaration(fn) ? fn.getName() : fn.getParentIfKind(SyntaxKind.VariableDeclaration)?.getName();
  const first = fn.getParameters()[0];
  if (name && ROUTE_METHODS.test(name) && first && Node.isIdentifier(first.getNameNode())) return first.getName();
  return undefined;
}

/**
 * The server request a next-auth/react `getSession(...)` reads: `getSession(context)` in getServerSideProps ->
 * `context.req`, `getSession({ req })` -> `req`; undefined in client code (no request: left alone).
 */
function serverRequestOf(call: CallExpression): string | undefined {
  const [arg] = call.getArguments();
  if (!arg) return undefined;
  if (Node.isObjectLiteralExpression(arg)) {
    const req = arg.getProperty('req');
    if (req && Node.isShorthandPropertyAssignment(req)) return req.getName();
    if (req && Node.isPropertyAssignment(req)) {
      const value = req.getInitializer();
      return value && (Node.isIdentifier(value) || Node.isPropertyAccessExpression(value)) ? value.getText() : undefined;
    }
    return undefined;
  }
  if (!Node.isIdentifier(arg)) return undefined;
  const fn = enclosingFunction(call);
  const name = fn && (Node.isFunctionDeclaration(fn) ? fn.getName() : fn.getParentIfKind(SyntaxKind.VariableDeclaration)?.getName());
  return name === 'getServerSideProps' && fn!.getParameters()[0]?.getName() === arg.getText() ? `${arg.getText()}.req` : undefined;
}
