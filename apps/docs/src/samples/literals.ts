/**
 * Request examples written as source code: a JavaScript object literal (keys
 * unquoted where they may be) and a Python literal (`True`, `None`), indented
 * like the vendor's samples.
 */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key as JavaScript source: bare where it may be, quoted otherwise. */
export function jsKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

export function jsLiteral(value: unknown, indent = 0): string {
  return literal(value, indent, 2, {
    key: jsKey,
    scalar: (scalar) => JSON.stringify(scalar),
  });
}

export function pythonLiteral(value: unknown, indent = 0): string {
  return literal(value, indent, 4, {
    key: (key) => JSON.stringify(key),
    scalar: (scalar) => {
      if (scalar === null) return 'None';
      if (scalar === true) return 'True';
      if (scalar === false) return 'False';
      return JSON.stringify(scalar);
    },
  });
}

interface Syntax {
  key(key: string): string;
  scalar(value: string | number | boolean | null): string;
}

function literal(value: unknown, indent: number, step: number, syntax: Syntax): string {
  const pad = ' '.repeat(indent + step);
  const end = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${pad}${literal(item, indent + step, step, syntax)}`).join(',\n')}\n${end}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const lines = entries.map(
      ([key, item]) => `${pad}${syntax.key(key)}: ${literal(item, indent + step, step, syntax)}`,
    );
    return `{\n${lines.join(',\n')}\n${end}}`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null)
    return syntax.scalar(value);
  throw new Error(`Cannot write ${typeof value} as a literal`);
}
