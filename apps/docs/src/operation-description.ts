/**
 * A line added to the end of every operation's description in a copy of the
 * docs document (the "Try it" links, the link to the operation's Markdown),
 * written on the operation object the model's path and method name; the
 * input is left untouched.
 */
import { type ContractOperation, describeContract } from '@freddy/spec';
import { type DocsDocument, operationObject } from './samples/index.js';

export function withOperationLine(doc: DocsDocument, line: (operation: ContractOperation) => string): DocsDocument {
  const copy: DocsDocument = structuredClone(doc);
  for (const operation of describeContract(doc).operations) {
    const target = operationObject(copy, operation);
    target.description = `${target.description ?? ''}\n\n${line(operation)}\n`.trimStart();
  }
  return copy;
}
