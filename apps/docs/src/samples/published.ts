/**
 * The samples as published: `x-codeSamples` on each operation object of a
 * copy of the document, which Redoc renders. The operation object is found
 * by the model's path and method, so nothing here walks the document.
 */
import { type ContractOperation, describeContract, type OpenAPIV3_1, type OpenApiDocument } from '@freddy/spec';
import type { CodeSample } from './sample.js';

/** The document the docs are built from: the contract with Redoc's `x-codeSamples` on its operations. */
export type DocsDocument = OpenAPIV3_1.Document<{ 'x-codeSamples'?: CodeSample[] }>;

/**
 * A copy of the document with `generate`'s samples on every operation; the
 * input is left untouched. The generator is passed in so that writing samples
 * and making them stay in separate modules.
 */
export function publishSamples(
  doc: OpenApiDocument,
  generate: (operation: ContractOperation) => CodeSample[],
): DocsDocument {
  const copy: DocsDocument = structuredClone(doc);
  for (const operation of describeContract(doc).operations) {
    operationObject(copy, operation)['x-codeSamples'] = generate(operation);
  }
  return copy;
}

/** The samples a built document carries for an operation. */
export function publishedSamples(doc: DocsDocument, operation: ContractOperation): CodeSample[] {
  const samples = operationObject(doc, operation)['x-codeSamples'];
  if (!samples) throw new Error(`${operation.id} carries no x-codeSamples`);
  return samples;
}

/** The operation object of a document that the model's operation names, by its path and method. */
export function operationObject(doc: DocsDocument, operation: ContractOperation) {
  const method = operation.method.toLowerCase() as Lowercase<ContractOperation['method']>;
  const found = doc.paths?.[operation.path]?.[method];
  if (!found) throw new Error(`${operation.id}: no ${operation.method} ${operation.path} in the document`);
  return found;
}
