/**
 * Finds every example in an OpenAPI document (media-type, parameter, header
 * and schema examples) with the schema it must satisfy.
 */
import { describeContract, type OpenApiDocument, type SchemaObject } from '../src/index.js';

export interface ExampleCase {
  where: string;
  schema: SchemaObject;
  value: unknown;
}

export function collectExamples(doc: OpenApiDocument): ExampleCase[] {
  const contract = describeContract(doc);
  const cases: ExampleCase[] = [];
  const walkSchema = (where: string, node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const schema = node as SchemaObject & { example?: unknown; patternProperties?: object; $defs?: object };
    for (const [i, value] of (schema.examples ?? []).entries()) {
      cases.push({ where: `${where} examples[${i}]`, schema, value });
    }
    if ('example' in schema) cases.push({ where: `${where} example`, schema, value: schema.example });
    for (const key of ['properties', 'patternProperties', '$defs'] as const) {
      for (const [name, child] of Object.entries(schema[key] ?? {})) walkSchema(`${where}.${name}`, child);
    }
    for (const key of ['items', 'additionalProperties', 'propertyNames', 'not'] as const) {
      walkSchema(`${where}/${key}`, (schema as Record<string, unknown>)[key]);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      for (const [i, child] of (schema[key] ?? []).entries()) walkSchema(`${where}/${key}/${i}`, child);
    }
  };

  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) walkSchema(`schemas.${name}`, schema);
  for (const operation of contract.operations) {
    const { id } = operation;
    for (const parameter of Object.values(operation.parameters).flat()) {
      const where = `${id} parameter ${parameter.name}`;
      if (parameter.example !== undefined)
        cases.push({ where: `${where} example`, schema: parameter.schema, value: parameter.example });
      walkSchema(`${where} schema`, parameter.schema);
    }
    for (const example of operation.requestBody?.examples ?? []) {
      cases.push({
        where: `${id} request application/json examples.${example.name}`,
        schema: operation.requestBody!.schema,
        value: example.value,
      });
    }
    for (const response of operation.responses) {
      for (const example of response.examples) {
        if (!response.schema) continue;
        cases.push({
          where: `${id} ${response.status} application/json examples.${example.name}`,
          schema: response.schema,
          value: example.value,
        });
      }
      for (const header of response.headers)
        walkSchema(`${id} ${response.status} header ${header.name}`, header.schema);
    }
  }
  return cases;
}
