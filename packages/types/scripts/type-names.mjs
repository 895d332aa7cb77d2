// The names under which @freddy/types exports the types of each operation's
// signature: what it answers, the body it takes, its query. Read by this
// package's generator (generated/names.ts) and by @freddy/client's (the
// signatures of its resource methods), so the two cannot disagree.
import { componentName } from '@freddy/spec';

/**
 * A body or response that is a component schema takes the component's name;
 * an inline one `<OperationId>Body` / `<OperationId>Response`; the query
 * parameters are `<OperationId>Query` (`ListThreadsQuery`).
 * @param {import('@freddy/spec').Contract} contract
 * @param {import('@freddy/spec').ContractOperation} op
 * @returns {import('./type-names.d.mts').SignatureTypes}
 */
export function signatureTypes(contract, op) {
  const pascal = op.id.charAt(0).toUpperCase() + op.id.slice(1);
  const operation = `operations['${op.id}']`;
  const success = op.responses.find((response) => response.status === 200);
  if (!success?.schema) throw new Error(`${op.id} has no 200 JSON response for the client to return`);
  const response = success.schemaName
    ? schemaType(contract, success.schemaName)
    : {
        name: `${pascal}Response`,
        source: `${operation}['responses'][200]['content']['application/json']`,
        doc: `The 200 body of \`${op.id}\`.`,
      };
  const types = { response };
  if (op.requestBody) {
    const schemaName = componentName(requestBodySchema(contract, op), 'schemas');
    const named = schemaName
      ? schemaType(contract, schemaName)
      : {
          name: `${pascal}Body`,
          source: `NonNullable<${operation}['requestBody']>['content']['application/json']`,
          doc: `The request body of \`${op.id}\`.`,
        };
    types.body = { ...named, required: op.requestBody.required };
  }
  if (op.parameters.query.length > 0) {
    types.query = {
      name: `${pascal}Query`,
      source: `NonNullable<${operation}['parameters']['query']>`,
      doc: `Query parameters of \`${op.method} ${op.path}\`.`,
      required: op.parameters.query.some((parameter) => parameter.required),
    };
  }
  return types;
}

function schemaType(contract, name) {
  const description = contract.schema(name).description?.split('\n\n')[0]?.replace(/\s+/g, ' ').trim();
  return { name, source: `components['schemas']['${name}']`, doc: description || `The \`${name}\` schema.` };
}

/** The request body's schema as the document writes it: a `$ref` names its component. */
function requestBodySchema(contract, op) {
  const operation = contract.document.paths?.[op.path]?.[op.method.toLowerCase()];
  const body = operation?.requestBody && contract.resolve(operation.requestBody);
  return body?.content?.['application/json']?.schema;
}
