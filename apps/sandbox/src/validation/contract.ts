/**
 * The contract compiled for serving: for each operation of the typed model
 * (`describeContract()`), the validators of its path, query and body, and the
 * envelope its errors are rendered in. Nothing here restates a limit or a
 * route; it all comes from the model.
 */
import {
  type Contract,
  type ContractOperation,
  type ContractParameter,
  compileSchema,
  createSpecAjv,
  type SchemaObject,
  type SpecAjv,
  type ValidateFunction,
} from '@freddy/spec';

/** The code, category and end-user message a platform error shows, as the contract's examples give them. */
export interface PlatformErrorFields {
  code: string;
  type: string;
  message: string;
}

/**
 * The envelope an operation's errors are rendered in, by the component schema
 * the contract names for them; a platform envelope also carries, per status,
 * the fields of the operation's documented example.
 */
export type Envelope = { kind: 'freddy' } | { kind: 'platform'; documented: ReadonlyMap<number, PlatformErrorFields> };

export const FREDDY_ENVELOPE: Envelope = { kind: 'freddy' };

interface ParameterSet {
  validate: ValidateFunction;
  /** Values the spec gives as `default`, applied before validation. */
  defaults: Record<string, unknown>;
}

export interface CompiledOperation {
  /** The operation as the contract describes it: id, method, template, security, responses… */
  spec: ContractOperation;
  envelope: Envelope;
  pathParams: ParameterSet | null;
  query: ParameterSet | null;
  body: { required: boolean; validate: ValidateFunction; defaults: Record<string, unknown> } | null;
}

export interface CompiledContract {
  model: Contract;
  /** The path of the contract's reference server entry (`/v1`). */
  basePath: string;
  operations: CompiledOperation[];
  /** Validates a whole metadata object, e.g. after a merge. */
  validateMetadata: ValidateFunction;
}

export function compileContract(model: Contract): CompiledContract {
  const ajv = createSpecAjv(model.document);
  // Query strings carry only text; the spec's types say what each value becomes.
  const queryAjv = createSpecAjv(model.document, { coerceTypes: true });

  const operations = model.operations.map((spec): CompiledOperation => {
    return {
      spec,
      envelope: envelopeOf(spec),
      pathParams: parameterSet(ajv, spec.parameters.path),
      query: parameterSet(queryAjv, spec.parameters.query),
      body: spec.requestBody
        ? {
            required: spec.requestBody.required,
            validate: compileSchema(ajv, spec.requestBody.schema),
            defaults: spec.requestBody.defaults,
          }
        : null,
    };
  });

  return {
    model,
    basePath: model.referenceServer.basePath,
    operations,
    validateMetadata: compileSchema(ajv, model.schema('Metadata')),
  };
}

function parameterSet(ajv: SpecAjv, parameters: ContractParameter[]): ParameterSet | null {
  if (parameters.length === 0) return null;
  const properties: Record<string, SchemaObject> = {};
  const defaults: Record<string, unknown> = {};
  const required: string[] = [];
  for (const parameter of parameters) {
    properties[parameter.name] = parameter.schema;
    if (parameter.required) required.push(parameter.name);
    if (parameter.default !== undefined) defaults[parameter.name] = parameter.default;
  }
  return {
    validate: compileSchema(ajv, { type: 'object', properties, required, additionalProperties: false }),
    defaults,
  };
}

function envelopeOf(spec: ContractOperation): Envelope {
  if (spec.errorSchema === 'ErrorResponse') return FREDDY_ENVELOPE;
  if (spec.errorSchema !== 'PlatformErrorResponse') {
    throw new Error(`${spec.id}: no renderer for the error schema ${spec.errorSchema}`);
  }
  const documented = new Map<number, PlatformErrorFields>();
  for (const response of spec.responses) {
    const example = response.examples[0]?.value as { error?: Partial<PlatformErrorFields> } | undefined;
    const { code, type, message } = example?.error ?? {};
    if (response.status >= 400 && code && type && message) documented.set(response.status, { code, type, message });
  }
  return { kind: 'platform', documented };
}
