/** Matches a request path against the contract's path templates. */
import type { CompiledOperation } from '../validation/contract.js';

interface Route {
  pattern: RegExp;
  names: string[];
  byMethod: Map<string, CompiledOperation>;
}

export type RouteMatch =
  | { kind: 'operation'; operation: CompiledOperation; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export class Router {
  private readonly routes: Route[] = [];

  constructor(operations: CompiledOperation[]) {
    const byPath = new Map<string, Route>();
    for (const operation of operations) {
      let route = byPath.get(operation.path);
      if (!route) {
        const names: string[] = [];
        const source = operation.path
          .split('/')
          .map((segment) => {
            const match = /^\{(.+)\}$/.exec(segment);
            if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            names.push(match[1]!);
            return '([^/]+)';
          })
          .join('/');
        route = { pattern: new RegExp(`^${source}/?$`), names, byMethod: new Map() };
        byPath.set(operation.path, route);
        this.routes.push(route);
      }
      route.byMethod.set(operation.method, operation);
    }
  }

  match(method: string, path: string): RouteMatch {
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      const operation = route.byMethod.get(method);
      if (!operation) return { kind: 'method-not-allowed', allow: [...route.byMethod.keys()] };
      const params: Record<string, string> = {};
      for (let i = 0; i < route.names.length; i++) {
        params[route.names[i]!] = safeDecode(m[i + 1]!);
      }
      return { kind: 'operation', operation, params };
    }
    return { kind: 'not-found' };
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
