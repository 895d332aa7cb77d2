import { jsLiteral } from './literals.js';
import type { RequestShape, SampleOverrides } from './request-shape.js';

/**
 * TypeScript with this project's own client. `@freddy/client` knows each
 * operation's host and auth header, so the sample names neither unless a
 * base URL is forced (the tests point it at the reference server).
 */
export function clientSample(shape: RequestShape, overrides: SampleOverrides = {}): string {
  const options = ['apiKey: process.env.FREDDY_API_KEY'];
  if (overrides.baseUrl) options.push(`baseUrl: ${JSON.stringify(shape.baseUrl)}`);
  const args = [
    ...shape.pathParams.map((param) => JSON.stringify(param.value)),
    ...(shape.body === undefined ? [] : [jsLiteral(shape.body)]),
  ];
  const { resource, method } = shape.client;
  return [
    "import { createFreddyClient } from '@freddy/client';",
    '',
    `const client = createFreddyClient({ ${options.join(', ')} });`,
    '',
    `const result = await client.${resource}.${method}(${args.join(', ')});`,
    'console.log(JSON.stringify(result, null, 2));',
  ].join('\n');
}
