import { pythonLiteral } from './literals.js';
import { snakeCase } from './names.js';
import { interpolatedUrl, type RequestShape } from './request-shape.js';

/** `requests`, as on the vendor's *Pin thread* page: key from the environment, ids in variables, an f-string URL. */
export function pythonSample(shape: RequestShape): string {
  const lines = ['import json', 'import os', '', 'import requests', '', 'api_key = os.environ["FREDDY_API_KEY"]'];
  for (const param of shape.pathParams) lines.push(`${snakeCase(param.name)} = ${JSON.stringify(param.value)}`);
  lines.push('');
  const address = interpolatedUrl(shape, (name) => `{${snakeCase(name)}}`);
  const url = shape.pathParams.length > 0 ? `f"${address}"` : `"${address}"`;
  const key = shape.auth.kind === 'bearer' ? 'f"Bearer {api_key}"' : 'api_key';
  const header = `{${JSON.stringify(shape.auth.header)}: ${key}}`;
  lines.push(`response = requests.${shape.method.toLowerCase()}(`, `    ${url},`, `    headers=${header},`);
  if (shape.body !== undefined) lines.push(`    json=${pythonLiteral(shape.body, 4)},`);
  lines.push(')', 'response.raise_for_status()', 'result = response.json()', 'print(json.dumps(result, indent=2))');
  return lines.join('\n');
}
