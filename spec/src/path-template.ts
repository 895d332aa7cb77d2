/**
 * An OpenAPI path template (`/threads/{thread_id}/pin`) parsed once into
 * segments, so matching a request path and filling in values share one
 * reading of it, without a regular expression.
 */
export type TemplateSegment = { literal: string } | { param: string };

export interface PathTemplate {
  readonly template: string;
  readonly segments: readonly TemplateSegment[];
  /** The names of the template's parameters, in order. */
  readonly names: readonly string[];
  /** The path with every parameter filled in, each value percent-encoded. */
  expand(values: Readonly<Record<string, string>>): string;
  /**
   * The decoded parameter values when `path` (no query, no base path) is an
   * instance of the template, a trailing slash allowed; otherwise null.
   */
  match(path: string): Record<string, string> | null;
}

export function parsePathTemplate(template: string): PathTemplate {
  if (!template.startsWith('/')) throw new Error(`Path template ${template} must start with /`);
  const segments: TemplateSegment[] = template
    .slice(1)
    .split('/')
    .map((segment) => {
      const param = /^\{([^{}]+)\}$/.exec(segment)?.[1];
      if (param) return { param };
      if (segment.includes('{')) throw new Error(`Path template ${template}: a parameter must fill its segment`);
      return { literal: segment };
    });
  const names = segments.flatMap((segment) => ('param' in segment ? [segment.param] : []));

  return {
    template,
    segments,
    names,
    expand(values) {
      let out = '';
      for (const segment of segments) {
        if ('literal' in segment) out += `/${segment.literal}`;
        else {
          const value = values[segment.param];
          if (value === undefined) throw new Error(`${template}: no value for {${segment.param}}`);
          out += `/${encodeURIComponent(value)}`;
        }
      }
      return out;
    },
    match(path) {
      const parts = (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).split('/');
      if (parts[0] !== '' || parts.length !== segments.length + 1) return null;
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const segment = segments[i]!;
        const part = parts[i + 1]!;
        if ('literal' in segment) {
          if (part !== segment.literal) return null;
        } else {
          if (part === '') return null;
          params[segment.param] = safeDecode(part);
        }
      }
      return params;
    },
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
