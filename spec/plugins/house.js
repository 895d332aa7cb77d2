/**
 * The house's Redocly plugin. The rule `idempotency-key` holds the house's
 * promise that a write can be retried safely; `x-source` and `reader-text`
 * keep where a fact comes from in data (`x-source`) and out of the text a
 * reader reads. The transform `response-headers` gives every response the
 * headers the root document lists once, under `x-response-headers`, so the
 * source states them once while the lint, the bundle and the breaking-change
 * gate see them on every response. It is a preprocessor for `lint` and
 * `bundle` and a decorator for `diff` (which applies decorators only); it
 * imports nothing, since the gate runs it on a checkout of the base revision
 * in a temporary folder.
 */
import { dirname, join, relative, sep } from 'node:path';

/**
 * @typedef {{ name: string, file: string, status?: string }} ResponseHeader
 * `file` is relative to the root document's folder; `status`, when given,
 * limits the header to the responses under that status code.
 */

/**
 * Reads the root document's `x-response-headers` (and takes it out, so the
 * bundle is what it would be with every header written out by hand), then
 * adds each listed header a response does not declare itself, after the ones
 * it declares, as the `$ref` an author would write in the response's own file.
 * Each document is read with its own list: the two sides of a diff may differ.
 */
function responseHeaders() {
  /** @type {ResponseHeader[]} */
  let listed = [];
  let rootDir = '';
  return {
    Root: {
      enter(root, ctx) {
        rootDir = dirname(ctx.location.source.absoluteRef);
        listed = root['x-response-headers'] ?? [];
        delete root['x-response-headers'];
      },
    },
    Response: {
      enter(response, ctx) {
        if (listed.length === 0) return;
        const status = String(ctx.key);
        const here = dirname(ctx.location.source.absoluteRef);
        const headers = { ...response.headers };
        for (const header of listed) {
          if (header.status !== undefined && header.status !== status) continue;
          if (Object.hasOwn(headers, header.name)) continue;
          headers[header.name] = { $ref: relative(here, join(rootDir, header.file)).split(sep).join('/') };
        }
        setAfterDescription(response, 'headers', headers);
      },
    },
  };
}

/** Sets `key`, keeping the order an author writes a response in (description, headers, content). */
function setAfterDescription(node, key, value) {
  if (Object.hasOwn(node, key) || !Object.hasOwn(node, 'description')) {
    node[key] = value;
    return;
  }
  const entries = Object.entries(node);
  for (const [name] of entries) delete node[name];
  for (const [name, entry] of entries) {
    node[name] = entry;
    if (name === 'description') node[key] = value;
  }
}

/**
 * A `POST` that is not idempotent (no `x-idempotent: true`) takes the optional
 * `Idempotency-Key` header, and each of its success responses documents
 * `Idempotent-Replayed`: without them a write retried after a lost answer
 * could be done twice, and a replay could not be told from a first answer.
 */
function idempotencyKey() {
  return {
    PathItem: {
      Operation: {
        enter(operation, ctx) {
          if (ctx.key !== 'post' || operation['x-idempotent'] === true) return;
          const pathItem = ctx.parent;
          const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(
            (parameter) => ctx.resolve(parameter).node,
          );
          const key = parameters.find(
            (parameter) => parameter?.in === 'header' && parameter.name?.toLowerCase() === 'idempotency-key',
          );
          if (!key || key.required === true) {
            ctx.report({
              message: 'A `POST` that is not `x-idempotent: true` takes the optional `Idempotency-Key` header.',
              location: ctx.location.key(),
            });
          }
          for (const [status, response] of Object.entries(operation.responses ?? {})) {
            if (!/^2\d\d$/.test(status)) continue;
            const headers = Object.keys(ctx.resolve(response).node?.headers ?? {});
            if (!headers.some((name) => name.toLowerCase() === 'idempotent-replayed')) {
              ctx.report({
                message: `Its \`${status}\` documents \`Idempotent-Replayed\`, which tells a replayed answer from the first.`,
                location: ctx.location.child(['responses', status]),
              });
            }
          }
        },
      },
    },
  };
}

/** The keys `x-source` may have: a vendor page, a seeded vendor page, a house choice with its reason. */
const SOURCE_KEYS = ['page', 'seed', 'house'];

/**
 * Where a fact comes from is data, never reader text: every Operation,
 * Parameter, Header, Response, security scheme and component schema says it
 * in `x-source` (a fact a seeded page states says `seed`), and any node that
 * states one (a property, an example) states it in this shape:
 * `{ page?, seed?, house? }`, at least one, each a non-empty string.
 */
function xSource() {
  const required = (node, ctx) => {
    if (!Object.hasOwn(node, 'x-source')) {
      ctx.report({
        message: 'States where its facts come from in `x-source` (`page`, `seed` and/or `house`).',
        location: ctx.location.key(),
      });
    }
  };
  return {
    any: {
      enter(node, ctx) {
        if (node === null || typeof node !== 'object' || !Object.hasOwn(node, 'x-source')) return;
        const source = node['x-source'];
        const location = ctx.location.child(['x-source']);
        if (source === null || typeof source !== 'object' || Array.isArray(source)) {
          ctx.report({ message: '`x-source` is an object: `{ page?, seed?, house? }`.', location });
          return;
        }
        const keys = Object.keys(source);
        if (keys.length === 0)
          ctx.report({ message: '`x-source` names at least one of `page`, `seed`, `house`.', location });
        for (const key of keys) {
          if (!SOURCE_KEYS.includes(key)) {
            ctx.report({
              message: `\`x-source\` has only \`page\`, \`seed\` and \`house\`, not \`${key}\`.`,
              location: location.child([key]).key(),
            });
          } else if (typeof source[key] !== 'string' || source[key].trim() === '') {
            ctx.report({ message: `\`x-source.${key}\` is a non-empty string.`, location: location.child([key]) });
          }
        }
      },
    },
    Operation: required,
    Parameter: required,
    Header: required,
    Response: required,
    SecurityScheme: required,
    Schema(schema, ctx) {
      if (isNamedSchema(ctx.location)) required(schema, ctx);
    },
  };
}

/**
 * A component schema: one under `components/schemas` of a bundle, or the whole
 * of a file in a `components/schemas/` folder (where the source keeps each).
 */
function isNamedSchema(location) {
  if (/^#\/components\/schemas\/[^/]+$/.test(location.pointer)) return true;
  return (
    location.pointer === '#/' && /[\\/]components[\\/]schemas[\\/][^\\/]+\.ya?ml$/.test(location.source.absoluteRef)
  );
}

/** Words that say where a fact comes from; they belong in `x-source`, not in what a reader reads. */
const PROVENANCE = /\bhouse (?:choice|bound|limit|example)s?\b|\bvendor pages?\b|\bverbatim\b/i;

/**
 * Reader text says what the API does and how to use it: no description or
 * summary says where its facts come from ("house choice", "vendor page",
 * "verbatim"); that is what `x-source` is for.
 */
function readerText() {
  return {
    any: {
      enter(node, ctx) {
        if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
        for (const field of ['description', 'summary']) {
          const text = node[field];
          if (typeof text !== 'string') continue;
          const found = PROVENANCE.exec(text);
          if (found) {
            ctx.report({
              message: `Its ${field} says where a fact comes from ("${found[0]}"); say it in \`x-source\`.`,
              location: ctx.location.child([field]),
            });
          }
        }
      },
    },
  };
}

export default function housePlugin() {
  const transforms = { oas3: { 'response-headers': responseHeaders } };
  return {
    id: 'house',
    rules: {
      oas3: { 'idempotency-key': idempotencyKey, 'x-source': xSource, 'reader-text': readerText },
      // The guides (Arazzo workflows) are reader text too: what a guide page shows.
      arazzo1: { 'reader-text': readerText },
    },
    preprocessors: transforms,
    decorators: transforms,
  };
}
