/**
 * Code samples for every operation, generated from the contract model at
 * build time. Pure functions of one operation, so tests can generate the same
 * samples pointed at a live reference server and run them.
 */
import type { ContractOperation, OpenApiDocument } from '@freddy/spec';
import { clientSample } from './client.js';
import { curlSample } from './curl.js';
import { fetchSample } from './fetch.js';
import { type DocsDocument, publishSamples } from './published.js';
import { pythonSample } from './python.js';
import { requestShape, type SampleOverrides } from './request-shape.js';
import type { CodeSample } from './sample.js';

export { type DocsDocument, operationObject, publishedSamples } from './published.js';
export { requestShape, type SampleOverrides } from './request-shape.js';

export function codeSamples(operation: ContractOperation, overrides: SampleOverrides = {}): CodeSample[] {
  const shape = requestShape(operation, overrides);
  return [
    { lang: 'curl', label: 'curl', source: curlSample(shape) },
    { lang: 'JavaScript', label: 'JavaScript', source: fetchSample(shape) },
    { lang: 'Python', label: 'Python', source: pythonSample(shape) },
    { lang: 'TypeScript', label: 'TypeScript', source: clientSample(shape, overrides) },
  ];
}

/** A copy of the document with `x-codeSamples` on every operation; the input is left untouched. */
export function withCodeSamples(doc: OpenApiDocument): DocsDocument {
  return publishSamples(doc, (operation) => codeSamples(operation));
}

export function sampleFor(samples: CodeSample[], lang: CodeSample['lang']): string {
  const sample = samples.find((candidate) => candidate.lang === lang);
  if (!sample) throw new Error(`No ${lang} sample`);
  return sample.source;
}
