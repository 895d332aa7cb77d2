import { jsKey, jsLiteral } from './literals.js';
import { camelCase } from './names.js';
import { interpolatedUrl, type RequestShape } from './request-shape.js';
import { API_KEY_VARIABLE } from './sample.js';

/** Plain `fetch` (browsers, Node ≥ 18), in the vendor's style: ids in variables, the key from the environment. */
export function fetchSample(shape: RequestShape): string {
  const lines = [`const apiKey = process.env.${API_KEY_VARIABLE};`];
  for (const param of shape.pathParams) lines.push(`const ${camelCase(param.name)} = ${JSON.stringify(param.value)};`);
  lines.push('');
  const headers = [authHeader(shape), ...(shape.body === undefined ? [] : ['"Content-Type": "application/json",'])];
  lines.push(
    'const response = await fetch(',
    `  \`${interpolatedUrl(shape, (name) => `\${${camelCase(name)}}`)}\`,`,
    '  {',
    `    method: "${shape.method}",`,
    '    headers: {',
    ...headers.map((header) => `      ${header}`),
    '    },',
  );
  if (shape.body !== undefined) lines.push(`    body: JSON.stringify(${jsLiteral(shape.body, 4)}),`);
  lines.push(
    '  },',
    ');',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this is JavaScript source for the sample, not a template.
    'if (!response.ok) throw new Error(`Request failed with status ${response.status}`);',
    'const result = await response.json();',
    'console.log(JSON.stringify(result, null, 2));',
  );
  return lines.join('\n');
}

function authHeader({ auth }: RequestShape): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: this is JavaScript source for the sample, not a template.
  const value = auth.kind === 'bearer' ? '`Bearer ${apiKey}`' : 'apiKey';
  return `${jsKey(auth.header)}: ${value},`;
}
