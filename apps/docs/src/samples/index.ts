/**
 * Code samples for every operation, generated from the contract at build
 * time. Pure functions of the document, so tests can generate the same
 * samples pointed at a live reference server and run them.
 */
import { listOperations, type OpenApiDocument, type OperationEntry } from '@freddy/spec';
import { clientSample } from './client.js';
import { curlSample } from './curl.js';
import { fetchSample } from './fetch.js';
import { pythonSample } from './python.js';
import { requestShape, type SampleOverrides } from './request-shape.js';

export { clientMethod } from './client.js';
export { concreteUrl, type RequestShape, requestShape, type SampleOverrides } from './request-shape.js';

export interface CodeSample {
  lang: 'curl' | 'JavaScript' | 'Python' | 'TypeScript';
  label: string;
  source: string;
}

export function codeSamples(
  doc: OpenApiDocument,
  entry: OperationEntry,
  overrides: SampleOverrides = {},
): CodeSample[] {
  const shape = requestShape(doc, entry, overrides);
  return [
    { lang: 'curl', label: 'curl', source: curlSample(shape) },
    { lang: 'JavaScript', label: 'JavaScript', source: fetchSample(shape) },
    { lang: 'Python', label: 'Python', source: pythonSample(shape) },
    { lang: 'TypeScript', label: 'TypeScript', source: clientSample(shape, overrides) },
  ];
}

/** A copy of the document with `x-codeSamples` on every operation; the input is left untouched. */
export function withCodeSamples(doc: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(doc);
  for (const entry of listOperations(copy)) entry.operation['x-codeSamples'] = codeSamples(copy, entry);
  return copy;
}

export function sampleFor(samples: CodeSample[], lang: CodeSample['lang']): string {
  const sample = samples.find((candidate) => candidate.lang === lang);
  if (!sample) throw new Error(`No ${lang} sample`);
  return sample.source;
}

export type { OperationEntry };
