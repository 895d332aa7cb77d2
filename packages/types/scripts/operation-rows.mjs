// One row of the operation table per contract operation: what the client
// needs at run time and nothing more, since the table ships inside the
// client's bundle, under a size budget.

/** @param {import("@freddy/spec").ContractOperation} op; typed in operation-rows.d.mts */
export function operationRow(op) {
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
    idempotencyKey: op.parameters.header.some((parameter) => parameter.name === 'Idempotency-Key'),
  };
}
