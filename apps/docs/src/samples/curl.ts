import { concreteUrl, type RequestShape } from './request-shape.js';
import { API_KEY_VARIABLE } from './sample.js';

/** A shell command, as on the vendor pages: the key comes from `$FREDDY_API_KEY`. */
export function curlSample(shape: RequestShape): string {
  const lines = [`curl -X ${shape.method} "${concreteUrl(shape)}"`, `  -H "${authLine(shape)}"`];
  if (shape.body !== undefined) {
    lines.push('  -H "Content-Type: application/json"');
    // Single quotes keep the JSON literal; a quote inside it is closed, escaped and reopened.
    lines.push(`  -d '${JSON.stringify(shape.body, null, 2).replace(/'/g, `'\\''`).replace(/\n/g, '\n  ')}'`);
  }
  return lines.join(' \\\n');
}

function authLine({ auth }: RequestShape): string {
  return `${auth.header}: ${auth.kind === 'bearer' ? 'Bearer ' : ''}$${API_KEY_VARIABLE}`;
}
