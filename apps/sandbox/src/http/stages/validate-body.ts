/** The request body, checked against the operation's body schema, with the schema's defaults. */

import { classifyBodyError } from '../../validation/classify.js';
import type { CompiledOperation } from '../../validation/contract.js';
import { errors } from '../errors.js';
import type { BodyResult } from './read-body.js';

export function validateBody(operation: CompiledOperation, read: BodyResult): Record<string, unknown> | undefined {
  const spec = operation.body;
  if (!spec) return undefined;
  if (!read.present && spec.required) {
    throw errors.badRequest('Invalid request parameters: a JSON body is required', 'missing_body');
  }
  const value = read.present ? read.value : {};
  if (!spec.validate(value)) throw classifyBodyError(spec.validate.errors?.[0]);
  return { ...spec.defaults, ...(value as Record<string, unknown>) };
}
