/**
 * The two pages' copies of the docs document: the reference's ends each
 * operation's description with "Try it in the console"; the console's marks
 * each operation with its route in the console and its link back to the
 * reference, which the console's header shows (Scalar's API client shows no
 * operation's description). Written on the operation object the model's
 * path and method name; the input is left untouched.
 */
import { describeContract, type OpenAPIV3_1 } from '@freddy/spec';
import { withOperationLine } from '../operation-description.js';
import { type DocsDocument, operationObject } from '../samples/index.js';
import { consoleRoute, referenceHref, tryItHref } from './links.js';
import { CONSOLE_LINKS_EXTENSION, CONSOLE_START_EXTENSION, FRESH_HEADERS_EXTENSION } from './names.js';

export const TRY_IT_TEXT = 'Try it in the console';
export const BACK_TEXT = 'Read it in the reference';
/** The console's short introduction: the reference has the long one. */
export const CONSOLE_INTRO = `Send requests to the API from your browser. Concepts, errors and limits: [the reference](../index.html).`;
/** The header whose value the console makes anew for each Send of an operation that takes it. */
export const FRESH_HEADER = 'Idempotency-Key';

/** The reference's copy: each operation's description ends with its "Try it" link. */
export function withTryItLinks(doc: DocsDocument): DocsDocument {
  return withOperationLine(doc, (operation) => `[${TRY_IT_TEXT} →](${tryItHref(operation)})`);
}

/**
 * The console's copy: a short introduction instead of the reference's long
 * one, each operation marked with its route and its link back to the
 * reference, its optional filters unticked, and no fixed idempotency key.
 */
export function consoleDocument(doc: DocsDocument): DocsDocument {
  const copy: DocsDocument = structuredClone(doc);
  const { operations } = describeContract(doc);
  for (const operation of operations)
    (operationObject(copy, operation) as Record<string, unknown>)[CONSOLE_LINKS_EXTENSION] = {
      route: consoleRoute(operation),
      reference: referenceHref(operation),
    };
  (copy as DocsDocument & Record<string, unknown>)[CONSOLE_START_EXTENSION] = consoleRoute(operations[0]!);
  copy.info = { ...copy.info, description: CONSOLE_INTRO };
  withOptionalFiltersOff(copy);
  withFreshIdempotencyKeys(doc, copy);
  return copy;
}

/**
 * A schema's example key would make every Send after the first a replay (or
 * a 400 for another body) for 24 hours. Every operation the contract says
 * takes the header is marked for page/console.ts, which sends a fresh UUID there
 * when the field is empty; the header's examples are removed so it starts
 * empty, and its description says so.
 */
function withFreshIdempotencyKeys(doc: DocsDocument, copy: DocsDocument): void {
  const taking = describeContract(doc).operations.filter((operation) =>
    operation.parameters.header.some((parameter) => parameter.name === FRESH_HEADER),
  );
  for (const operation of taking) {
    const target = operationObject(copy, operation) as OpenAPIV3_1.OperationObject & Record<string, unknown>;
    target[FRESH_HEADERS_EXTENSION] = [FRESH_HEADER];
    for (const parameter of [...(target.parameters ?? []), ...Object.values(copy.components?.parameters ?? {})]) {
      const found = '$ref' in parameter ? undefined : parameter;
      if (found?.in !== 'header' || found.name !== FRESH_HEADER) continue;
      delete found.example;
      delete found.examples;
      const schema = found.schema && !('$ref' in found.schema) ? found.schema : undefined;
      if (schema) {
        const examples = schema as { examples?: unknown; example?: unknown };
        delete examples.examples;
        delete examples.example;
      }
      if (!found.description?.includes(FRESH_KEY_NOTE))
        found.description = `${found.description ?? ''}\n\n${FRESH_KEY_NOTE}`.trimStart();
    }
  }
}

/** What the header's description adds in the console. */
export const FRESH_KEY_NOTE = 'In this console, left empty, every Send carries a fresh UUID.';

/**
 * Scalar's client sends every query parameter that has an example; List
 * would then send both cursors (a 400) and filter by the example assistant.
 * An optional query parameter with no default keeps its example, marked
 * `x-disabled` (Scalar's flag for an example the client leaves unticked), so
 * Send lists the caller's threads as the contract's defaults say.
 */
function withOptionalFiltersOff(doc: DocsDocument): void {
  for (const parameter of Object.values(doc.components?.parameters ?? {})) {
    if ('$ref' in parameter || parameter.in !== 'query' || parameter.required) continue;
    const schema = parameter.schema as { default?: unknown; examples?: unknown[] } | undefined;
    if (!schema || '$ref' in schema || schema.default !== undefined || !schema.examples?.length) continue;
    parameter.examples = { example: { value: schema.examples[0], 'x-disabled': true } as OpenAPIV3_1.ExampleObject };
  }
}
