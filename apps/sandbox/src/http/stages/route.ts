/**
 * Finds the operation a request is for, by the contract's path templates
 * under its reference server's base path: 404 for a path the contract does
 * not have, 405 (with `Allow`) for a method it does not have there.
 */
import type { CompiledContract, CompiledOperation } from '../../validation/contract.js';
import { errors } from '../errors.js';

export interface Route {
  operation: CompiledOperation;
  params: Record<string, string>;
}

interface PathRoute {
  operations: CompiledOperation[];
  allow: string[];
}

export class Router {
  private readonly paths: PathRoute[] = [];
  private readonly basePath: string;

  constructor(contract: CompiledContract) {
    this.basePath = contract.basePath;
    const byTemplate = new Map<string, PathRoute>();
    for (const operation of contract.operations) {
      let route = byTemplate.get(operation.spec.path);
      if (!route) {
        route = { operations: [], allow: [] };
        byTemplate.set(operation.spec.path, route);
        this.paths.push(route);
      }
      route.operations.push(operation);
      route.allow.push(operation.spec.method);
    }
  }

  /** The operation and its raw path parameters; throws the documented 404 or 405. */
  route(method: string, path: string): Route {
    if (path.startsWith(this.basePath)) {
      const local = path.slice(this.basePath.length);
      for (const { operations, allow } of this.paths) {
        const params = operations[0]!.spec.template.match(local);
        if (!params) continue;
        const operation = operations.find((candidate) => candidate.spec.method === method);
        if (!operation) throw errors.methodNotAllowed(method, path, allow);
        return { operation, params };
      }
    }
    throw errors.routeNotFound(method, path);
  }
}
