/**
 * The house's Redocly plugin. The rule `idempotency-key` holds the house's
 * promise that a write can be retried safely. The transform `response-headers` gives every response the
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

export default function housePlugin() {
  const transforms = { oas3: { 'response-headers': responseHeaders } };
  return {
    id: 'house',
    rules: { oas3: { 'idempotency-key': idempotencyKey } },
    preprocessors: transforms,
    decorators: transforms,
  };
}
