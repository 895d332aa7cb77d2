import { jsLiteral } from './literals.js';
import { camelCase } from './names.js';
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
  const { resource, method } = clientMethod(shape);
  return [
    "import { createFreddyClient } from '@freddy/client';",
    '',
    `const client = createFreddyClient({ ${options.join(', ')} });`,
    '',
    `const result = await client.${resource}.${method}(${args.join(', ')});`,
    'console.log(JSON.stringify(result, null, 2));',
  ].join('\n');
}

/**
 * The client groups operations by tag and names each by its verb:
 * `updateThreadMetadata` in tag `Threads` is `client.threads.updateMetadata`.
 */
function clientMethod(shape: Pick<RequestShape, 'operationId' | 'tag'>): { resource: string; method: string } {
  const resource = camelCase(shape.tag.replace(/\s+/g, '_')).replace(/^./, (first) => first.toLowerCase());
  const plural = shape.tag.replace(/\s+/g, '');
  const singular = plural.replace(/s$/, '');
  const method = shape.operationId.replace(new RegExp(`${plural}|${singular}`), '');
  if (method === shape.operationId || method === '')
    throw new Error(`Cannot name the client method of ${shape.operationId} in tag ${shape.tag}`);
  return { resource, method };
}
