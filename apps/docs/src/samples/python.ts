import { pythonLiteral } from './literals.js';
import { snakeCase } from './names.js';
import { interpolatedUrl, type RequestShape } from './request-shape.js';
import { API_KEY_VARIABLE } from './sample.js';

/** `requests`, as on the vendor's *Pin thread* page: key from the environment, ids in variables, an f-string URL. */
export function pythonSample(shape: RequestShape): string {
  const lines = [...pythonPrelude()];
  for (const param of shape.pathParams) lines.push(`${snakeCase(param.name)} = ${JSON.stringify(param.value)}`);
  lines.push('', ...pythonCall(shape, 'result'));
  return lines.join('\n');
}

/** The imports and the key, once per program. */
export function pythonPrelude(): string[] {
  return [
    'import json',
    'import os',
    '',
    'import requests',
    '',
    `api_key = os.environ[${JSON.stringify(API_KEY_VARIABLE)}]`,
  ];
}

/** One request: sent, checked (anything but 2xx raises), its body kept in `variable` and printed. */
export function pythonCall(shape: RequestShape, variable: string): string[] {
  const address = interpolatedUrl(shape, (name) => `{${snakeCase(name)}}`);
  const url = shape.pathParams.length > 0 ? `f"${address}"` : `"${address}"`;
  const key = shape.auth.kind === 'bearer' ? 'f"Bearer {api_key}"' : 'api_key';
  const header = `{${JSON.stringify(shape.auth.header)}: ${key}}`;
  const lines = [`response = requests.${shape.method.toLowerCase()}(`, `    ${url},`, `    headers=${header},`];
  if (shape.body !== undefined) lines.push(`    json=${pythonLiteral(shape.body, 4)},`);
  lines.push(
    ')',
    'response.raise_for_status()',
    `${variable} = response.json()`,
    `print(json.dumps(${variable}, indent=2))`,
  );
  return lines;
}
