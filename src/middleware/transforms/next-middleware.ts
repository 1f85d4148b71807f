import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { importNamed, moduleBindings } from '../edit/imports.js';
import { replaceNode } from '../edit/replace.js';
import { UnsafeRewrite, type Transform, type TransformContext } from './types.js';

const MIDDLEWARE_FILE = /(?:^|[\\/])(?:src[\\/])?(?:middleware|proxy)\.[cm]?[jt]sx?$/;

/**
 * Next.js `middleware.ts` with next-auth's `withAuth`: the JWT decode next-auth uses is replaced by
 * `scalekitJwtDecode(decode)` (dual: a Scalekit access token — from the session cookie or a bearer
 * header — decodes to the app user, anything else goes to next-auth's own `decode`) or
 * `scalekitJwtDecode()` (scalekit). withAuth's `authorized` callbacks, redirects and `req.nextauth.token`
 * keep working, on the legacy token shape. `export { default } from 'next-auth/middleware'` becomes an
 * explicit `withAuth(...)`.
 */
export const nextMiddleware: Transform = {
  id: 'next-middleware',
  description: 'Next.js middleware with next-auth withAuth',
  settles: ['js.next.middleware', 'js.next-auth.session', 'js.next-auth.callbacks'],
  appliesTo: (file) => (MIDDLEWARE_FILE.test(file.getFilePath()) && /next-auth\/middleware/.test(file.getFullText())) || (/next-auth\/jwt/.test(file.getFullText()) && /\bgetToken\b/.test(file.getFullText())),
  run(file, context) {
    const jwtBindings = moduleBindings(file, 'next-auth/jwt');
    const getTokenCalls = file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
      const callee = call.getExpression();
      return (Node.isIdentifier(callee) && jwtBindings.named.get(callee.getText()) === 'getToken') || (Node.isPropertyAccessExpression(callee) && jwtBindings.namespaces.has(callee.getExpression().getText()) && callee.getName() === 'getToken');
    });
    for (const call of getTokenCalls) {
      if (call.wasForgotten()) continue;
      context.site(call, () => rewriteGetToken(file, call, context));
    }
    if (!/next-auth\/middleware/.test(file.getFullText())) return;
    for (const declaration of file.getExportDeclarations()) {
      if (declaration.getModuleSpecifierValue() !== 'next-auth/middleware') continue;
      if (!declaration.getNamedExports().some((element) => element.getName() === 'default')) continue;
      context.site(declaration, () => {
        context.rewrite(declaration, 'the re-exported next-auth middleware becomes an explicit withAuth(...)');
        const withAuth = importNamed(file, 'next-auth/middleware', 'withAuth', false);
        replaceNode(declaration, `export default ${withAuth}();`);
      });
    }
    const bindings = moduleBindings(file, 'next-auth/middleware');
    const calls = file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
      const callee = call.getExpression().getText();
      return bindings.named.get(callee) === 'withAuth' || bindings.namespaces.has(callee);
    });
    for (const call of calls) {
      if (call.wasForgotten()) continue;
      context.site(call, () => rewrite(file, call, context));
    }
  },
};

function rewrite(file: SourceFile, call: CallExpression, context: TransformContext): void {
  const args = call.getArguments();
  const optionsIndex = args.length === 0 ? -1 : Node.isObjectLiteralExpression(args.at(-1)!) || (args.length === 2) ? args.length - 1 : Node.isArrowFunction(args[0]!) || Node.isFunctionExpression(args[0]!) ? -1 : 0;
  const options = optionsIndex >= 0 ? args[optionsIndex] : undefined;
  const decodeName = context.useAuth(file, 'scalekitJwtDecode');
  const existing = options && Node.isObjectLiteralExpression(options) ? options.getProperty('jwt') : undefined;
  if (existing) {
    const text = existing.getText();
    if (text.includes(`${decodeName}(`)) {
      if (context.mode === 'dual' || !/\(\s*[\w$]+\s*\)/.test(/decode\s*:\s*([^}]*)/.exec(text)?.[1] ?? '')) return context.alreadyDone(call);
      context.rewrite(call, 'withAuth decodes Scalekit tokens only');
      const legacy = /scalekitJwtDecode\(\s*([\w$]+)\s*\)/.exec(text.replace(decodeName, 'scalekitJwtDecode'))?.[1];
      replaceNode(existing, `jwt: { decode: ${decodeName}() }`);
      if (legacy) context.dropIfUnused(file, [legacy]);
      return;
    }
    throw new UnsafeRewrite('withAuth already has a jwt option: add decode: scalekitJwtDecode(yourDecode) by hand');
  }
  const decode = context.mode === 'dual' ? `${decodeName}(${importNamed(file, 'next-auth/jwt', 'decode', false)})` : `${decodeName}()`;
  const property = `jwt: { decode: ${decode} }`;
  context.rewrite(call, `withAuth decodes Scalekit access tokens${context.mode === 'dual' ? ' and, by AUTH_PROVIDER, next-auth sessions' : ' only'}`);
  if (!options) {
    call.addArgument(`{ ${property} }`);
  } else if (Node.isObjectLiteralExpression(options)) {
    options.addPropertyAssignment({ name: 'jwt', initializer: `{ decode: ${decode} }` });
  } else {
    replaceNode(options, `{ ...${options.getText()}, ${property} }`);
  }
}

/**
 * `getToken({ req, secret })` (next-auth/jwt), in middleware.ts or a route: gets `decode: scalekitJwtDecode(decode)`
 * (dual) or `scalekitJwtDecode()` (scalekit), so a Scalekit token in the session cookie or a bearer header
 * decodes to the app user and the code after it (`if (!token) redirect`) lets the Scalekit user in.
 */
function rewriteGetToken(file: SourceFile, call: CallExpression, context: TransformContext): void {
  const options = call.getArguments()[0];
  if (!options || !Node.isObjectLiteralExpression(options)) throw new UnsafeRewrite('getToken(...) without an options object written in place: add decode: scalekitJwtDecode(decode) to its options by hand');
  if (/\braw\s*:\s*true\b/.test(options.getText())) throw new UnsafeRewrite('getToken({ raw: true }) returns the undecoded token: verify a Scalekit token there with verifyScalekitToken by hand');
  const decodeName = context.useAuth(file, 'scalekitJwtDecode');
  const existing = options.getProperty('decode');
  if (existing) {
    const text = existing.getText();
    if (!text.includes(`${decodeName}(`)) throw new UnsafeRewrite('getToken already has its own decode: wrap it as decode: scalekitJwtDecode(yourDecode) by hand');
    const legacy = /\(\s*([\w$]+)\s*\)/.exec(text)?.[1];
    if (context.mode === 'dual' || !legacy) return context.alreadyDone(call);
    context.rewrite(call, 'getToken decodes Scalekit tokens only');
    replaceNode(existing, `decode: ${decodeName}()`);
    context.dropIfUnused(file, [legacy]);
    return;
  }
  const decode = context.mode === 'dual' ? `${decodeName}(${importNamed(file, 'next-auth/jwt', 'decode', false)})` : `${decodeName}()`;
  context.rewrite(call, `getToken decodes Scalekit access tokens${context.mode === 'dual' ? ' and, by AUTH_PROVIDER, next-auth sessions' : ' only'} (session cookie or bearer header)`);
  const text = options.getText();
  if (text.includes('\n')) options.addPropertyAssignment({ name: 'decode', initializer: decode });
  else replaceNode(options, text.replace(/,?\s*\}$/, `, decode: ${decode} }`));
}
