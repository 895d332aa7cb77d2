import { concreteUrl, type RequestShape } from './request-shape.js';

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

function authLine(shape: RequestShape): string {
  return shape.auth.header === 'X-API-Key'
    ? 'X-API-Key: $FREDDY_API_KEY'
    : `Authorization: ${shape.auth.scheme} $FREDDY_API_KEY`;
}
