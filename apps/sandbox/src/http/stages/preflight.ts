/** Answers CORS preflight requests, so browsers (the docs page) can call the sandbox. */
import type { CompiledContract } from '../../validation/contract.js';
import { CORS_HEADERS } from '../cors.js';
import type { Exchange } from '../exchange.js';

/** A preflight answer that allows the contract's methods and the headers asked for. */
export function createPreflight(contract: CompiledContract): (exchange: Exchange) => boolean {
  const methods = [...new Set(contract.operations.map((operation) => operation.spec.method)), 'OPTIONS'].join(', ');
  // The credential headers and the header parameters the contract declares, and the body's type.
  const requestHeaders = new Set([
    ...contract.model.securitySchemes.map((scheme) => scheme.header),
    ...contract.operations.flatMap((operation) => operation.headers?.names ?? []),
    'Content-Type',
  ]);
  const defaultAllowed = [...requestHeaders].join(', ');
  return function answerPreflight(exchange) {
    if (exchange.method !== 'OPTIONS') return false;
    exchange.res.writeHead(204, {
      ...CORS_HEADERS,
      'access-control-allow-methods': methods,
      'access-control-allow-headers': exchange.req.headers['access-control-request-headers'] || defaultAllowed,
      'access-control-max-age': '600',
      'x-request-id': exchange.requestId,
    });
    exchange.res.end();
    return true;
  };
}
