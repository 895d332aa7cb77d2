import { interpolatedUrl, type RequestShape } from './request-shape.js';
import { API_KEY_VARIABLE } from './sample.js';

/**
 * A value that is a shell variable (`$THREAD_ID`, a guide's step reading an
 * earlier answer) is left for the shell to expand; any other is sent as is.
 */
const SHELL_VARIABLE = /^\$[A-Z][A-Z0-9_]*$/;

/** A shell command, as on the vendor pages: the key comes from `$FREDDY_API_KEY`. */
export function curlSample(shape: RequestShape): string {
  const lines = [`curl -X ${shape.method} "${curlUrl(shape)}"`, `  -H "${authLine(shape)}"`];
  for (const header of shape.headers ?? []) lines.push(`  -H "${header.name}: ${header.value}"`);
  if (shape.body !== undefined) {
    lines.push('  -H "Content-Type: application/json"');
    // Single quotes keep the JSON literal; a quote inside it is closed, escaped and reopened, and a string
    // that is a shell variable is closed around, so the shell expands it.
    const json = JSON.stringify(shape.body, null, 2)
      .replace(/'/g, `'\\''`)
      .replace(/"(\$[A-Z][A-Z0-9_]*)"/g, `"'"$1"'"`)
      .replace(/\n/g, '\n  ');
    lines.push(`  -d '${json}'`);
  }
  return lines.join(' \\\n');
}

/** The URL, path parameters and query filled in (percent-encoded, but for shell variables). */
function curlUrl(shape: RequestShape): string {
  const inUrl = (value: string) => (SHELL_VARIABLE.test(value) ? value : encodeURIComponent(value));
  const values = new Map(shape.pathParams.map((param) => [param.name, param.value]));
  const url = interpolatedUrl(shape, (name) => inUrl(values.get(name) ?? ''));
  const query = (shape.query ?? []).map(({ name, value }) => `${encodeURIComponent(name)}=${inUrl(value)}`);
  return query.length > 0 ? `${url}?${query.join('&')}` : url;
}

function authLine({ auth }: RequestShape): string {
  return `${auth.header}: ${auth.kind === 'bearer' ? 'Bearer ' : ''}$${API_KEY_VARIABLE}`;
}
