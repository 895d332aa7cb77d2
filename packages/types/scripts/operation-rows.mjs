// The rows of the two operation tables, from the contract's typed model.

/**
 * `operationTable`: per operation its method, path template, production
 * server, the security schemes it accepts (in order, with the header each
 * reads) and whether it takes an Idempotency-Key.
 * @param {import("@freddy/spec").ContractOperation} op
 */
export function operationRow(op) {
  return {
    method: op.method,
    path: op.path,
    server: op.server.url,
    security: op.security.map(({ name, kind, header }) => ({ scheme: name, kind, header })),
    idempotencyKey: takesIdempotencyKey(op),
  };
}

/**
 * `clientRoutes`: only what @freddy/client needs at run time, since that
 * table ships inside its bundle, under a size budget: the schemes shrink to
 * the header an API key goes in.
 * @param {import("@freddy/spec").ContractOperation} op
 */
export function clientRoute(op) {
  // The client sends a bearer token to every operation (and an API key as one where no
  // API-key scheme is accepted), so an operation without a bearer scheme cannot be called.
  if (!op.security.some(({ kind }) => kind === 'bearer')) {
    throw new Error(`${op.id} accepts no bearer token: the client cannot call it`);
  }
  return {
    method: op.method,
    path: op.path,
    server: op.server.url,
    apiKeyHeader: op.security.find(({ kind }) => kind === 'apiKey')?.header ?? null,
    idempotencyKey: takesIdempotencyKey(op),
  };
}

const takesIdempotencyKey = (op) => op.parameters.header.some((parameter) => parameter.name === 'Idempotency-Key');
