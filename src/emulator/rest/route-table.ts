import type { DescMethod } from '@bufbuild/protobuf';
import type { MethodCall, ServedService } from '../api/services.js';
import { httpBindings, type HttpBinding } from './http-rules.js';

export interface Route {
  method: DescMethod;
  /** Undefined when the emulator does not implement the method (the gateway answers 501). */
  call: MethodCall | undefined;
  binding: HttpBinding;
  /** Request field path of each capture group, e.g. ['organization_id', 'id']. */
  variables: string[];
  pattern: RegExp;
  literalLength: number;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * The REST routes of every served service, built from the descriptors' HTTP bindings.
 * Templates with more literal text are tried first, so `/api/v1/users:external/{external_id}`
 * and `/api/v1/users/me` win over `/api/v1/users/{id}`.
 */
export class RouteTable {
  private readonly routes: Route[] = [];

  constructor(services: ServedService[]) {
    for (const { service, calls } of services) {
      for (const method of service.methods) {
        for (const binding of httpBindings(method)) this.routes.push(compile(method, calls.get(method.localName), binding));
      }
    }
    this.routes.sort((a, b) => b.literalLength - a.literalLength);
  }

  match(verb: string, path: string): RouteMatch | { pathMatched: boolean } {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (route.binding.verb !== verb) {
        pathMatched = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.variables.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      return { route, params };
    }
    return { pathMatched };
  }
}

function compile(method: DescMethod, call: MethodCall | undefined, binding: HttpBinding): Route {
  const variables: string[] = [];
  let literalLength = 0;
  let source = '';
  let rest = binding.template;
  while (rest.length) {
    const open = rest.indexOf('{');
    if (open < 0) {
      source += escape(rest);
      literalLength += rest.length;
      break;
    }
    source += escape(rest.slice(0, open));
    literalLength += open;
    const close = rest.indexOf('}', open);
    const [name, sub] = rest.slice(open + 1, close).split('=');
    variables.push(name!);
    source += sub?.includes('**') ? '(.+)' : '([^/]+)';
    rest = rest.slice(close + 1);
  }
  return { method, call, binding, variables, pattern: new RegExp(`^${source}$`), literalLength };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
