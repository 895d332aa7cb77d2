/**
 * Finds every example in an OpenAPI document (media-type, parameter, header
 * and schema examples) with the schema it must satisfy.
 */
import { type JsonObject, listOperations, type OpenApiDocument, resolveRef } from '../src/index.js';

export interface ExampleCase {
  where: string;
  schema: JsonObject;
  value: unknown;
}

export function collectExamples(doc: OpenApiDocument): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const fromHolder = (where: string, holder: JsonObject) => {
    const schema = holder.schema as JsonObject | undefined;
    if (!schema) return;
    if ('example' in holder) cases.push({ where: `${where} example`, schema, value: holder.example });
    for (const [name, example] of Object.entries((holder.examples ?? {}) as Record<string, unknown>))
      cases.push({ where: `${where} examples.${name}`, schema, value: resolveRef<JsonObject>(doc, example).value });
  };
  const walkSchema = (where: string, schema: unknown) => {
    if (!schema || typeof schema !== 'object') return;
    const node = schema as JsonObject;
    if (Array.isArray(node.examples))
      for (const [i, value] of node.examples.entries())
        cases.push({ where: `${where} examples[${i}]`, schema: node, value });
    if ('example' in node) cases.push({ where: `${where} example`, schema: node, value: node.example });
    for (const key of ['properties', 'patternProperties', '$defs'])
      for (const [name, child] of Object.entries((node[key] ?? {}) as JsonObject))
        walkSchema(`${where}.${name}`, child);
    for (const key of ['items', 'additionalProperties', 'propertyNames', 'not'])
      walkSchema(`${where}/${key}`, node[key]);
    for (const key of ['allOf', 'anyOf', 'oneOf'])
      for (const [i, child] of ((node[key] ?? []) as unknown[]).entries()) walkSchema(`${where}/${key}/${i}`, child);
  };

  for (const [name, schema] of Object.entries(doc.components.schemas ?? {})) walkSchema(`schemas.${name}`, schema);
  for (const { operationId, operation, pathItem } of listOperations(doc)) {
    const parameters = [...((pathItem.parameters ?? []) as unknown[]), ...((operation.parameters ?? []) as unknown[])];
    for (const parameter of parameters) {
      const resolved = resolveRef<JsonObject>(doc, parameter);
      fromHolder(`${operationId} parameter ${resolved.name}`, resolved);
      walkSchema(`${operationId} parameter ${resolved.name} schema`, resolved.schema);
    }
    const body = operation.requestBody ? resolveRef<JsonObject>(doc, operation.requestBody) : undefined;
    for (const [type, media] of Object.entries((body?.content ?? {}) as Record<string, JsonObject>))
      fromHolder(`${operationId} request ${type}`, media);
    for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, unknown>)) {
      const resolved = resolveRef<JsonObject>(doc, response);
      for (const [type, media] of Object.entries((resolved.content ?? {}) as Record<string, JsonObject>))
        fromHolder(`${operationId} ${status} ${type}`, media);
      for (const [header, definition] of Object.entries((resolved.headers ?? {}) as Record<string, unknown>))
        walkSchema(`${operationId} ${status} header ${header}`, resolveRef<JsonObject>(doc, definition).schema);
    }
  }
  return cases;
}
