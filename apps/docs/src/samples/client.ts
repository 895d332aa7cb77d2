import { jsLiteral } from './literals.js';
import type { RequestShape, SampleOverrides } from './request-shape.js';
import { API_KEY_VARIABLE } from './sample.js';

/**
 * TypeScript with this project's own client. `@freddy/client` knows each
 * operation's host and auth header, so the sample names neither unless a
 * base URL is forced (the tests point it at the reference server).
 */
export function clientSample(shape: RequestShape, overrides: SampleOverrides = {}): string {
  return [...clientPrelude(shape, overrides), '', ...clientCall(shape, 'result')].join('\n');
}

/** The import and the client, once per program. */
export function clientPrelude(shape: RequestShape, overrides: SampleOverrides = {}): string[] {
  const options = [`apiKey: process.env.${API_KEY_VARIABLE}`];
  if (overrides.baseUrl) options.push(`baseUrl: ${JSON.stringify(shape.baseUrl)}`);
  return [
    "import { createFreddyClient } from '@freddy/client';",
    '',
    `const client = createFreddyClient({ ${options.join(', ')} });`,
  ];
}

/** One call: its result kept in `variable` and printed. */
export function clientCall(shape: RequestShape, variable: string): string[] {
  const args = [
    ...shape.pathParams.map((param) => JSON.stringify(param.value)),
    ...(shape.body === undefined ? [] : [jsLiteral(shape.body)]),
  ];
  const { resource, method } = shape.client;
  return [
    `const ${variable} = await client.${resource}.${method}(${args.join(', ')});`,
    `console.log(JSON.stringify(${variable}, null, 2));`,
  ];
}
