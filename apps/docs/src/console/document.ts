/**
 * The two pages' copies of the docs document differ only in one line per
 * operation: the reference's says "Try it in the console", the console's
 * links back to the reference. Written on the operation object the model's
 * path and method name; the input is left untouched.
 */
import type { OpenAPIV3_1 } from '@freddy/spec';
import { withOperationLine } from '../operation-description.js';
import type { DocsDocument } from '../samples/index.js';
import { referenceHref, tryItHref } from './links.js';

export const TRY_IT_TEXT = 'Try it in the console';
export const BACK_TEXT = 'Read it in the reference';

/** The reference's copy: each operation's description ends with its "Try it" link. */
export function withTryItLinks(doc: DocsDocument): DocsDocument {
  return withOperationLine(doc, (operation) => `[${TRY_IT_TEXT} →](${tryItHref(operation)})`);
}

/**
 * The console's copy: each operation's description ends with a link back to
 * the reference, and its optional filters start unticked.
 */
export function consoleDocument(doc: DocsDocument): DocsDocument {
  const copy = withOperationLine(doc, (operation) => `[← ${BACK_TEXT}](${referenceHref(operation)})`);
  copy.info = { ...copy.info, description: `[← The reference](../index.html)\n\n${copy.info.description ?? ''}` };
  withOptionalFiltersOff(copy);
  return copy;
}

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
