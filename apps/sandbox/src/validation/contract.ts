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
 * the contract names for them, with the `maxLength` its schema states for each
 * field of `error` (a message quoting a client's field name must still fit);
 * a platform envelope also carries, per status, the fields of the operation's
 * documented example.
 */
export type Envelope =
  | { kind: 'freddy'; bounds: FieldBounds }
  | { kind: 'platform'; bounds: FieldBounds; documented: ReadonlyMap<number, PlatformErrorFields> };

type FieldBounds = ReadonlyMap<string, number>;

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
  /** The header parameters the operation declares (e.g. `Idempotency-Key`), by their names as written. */
  headers: (ParameterSet & { names: string[] }) | null;
  body: { required: boolean; validate: ValidateFunction; defaults: Record<string, unknown> } | null;
}

export interface CompiledContract {
  model: Contract;
  /** The envelope of answers given before an operation is known (unknown route, malformed HTTP). */
  defaultEnvelope: Envelope;
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

  const freddy: Envelope = { kind: 'freddy', bounds: errorFieldBounds(model, 'ErrorResponse') };
  const platformBounds = errorFieldBounds(model, 'PlatformErrorResponse');
  const operations = model.operations.map((spec): CompiledOperation => {
    return {
      spec,
      envelope: envelopeOf(spec, freddy, platformBounds),
      pathParams: parameterSet(ajv, spec.parameters.path),
      query: parameterSet(queryAjv, spec.parameters.query),
      headers: headerSet(ajv, spec.parameters.header),
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
    defaultEnvelope: freddy,
    basePath: model.referenceServer.basePath,
    operations,
    validateMetadata: compileSchema(ajv, model.schema('Metadata')),
  };
}

function headerSet(ajv: SpecAjv, parameters: ContractParameter[]): (ParameterSet & { names: string[] }) | null {
  const set = parameterSet(ajv, parameters);
  return set && { ...set, names: parameters.map((parameter) => parameter.name) };
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

function envelopeOf(spec: ContractOperation, freddy: Envelope, platformBounds: FieldBounds): Envelope {
  if (spec.errorSchema === 'ErrorResponse') return freddy;
  if (spec.errorSchema !== 'PlatformErrorResponse') {
    throw new Error(`${spec.id}: no renderer for the error schema ${spec.errorSchema}`);
  }
  const documented = new Map<number, PlatformErrorFields>();
  for (const response of spec.responses) {
    const example = response.examples[0]?.value as { error?: Partial<PlatformErrorFields> } | undefined;
    const { code, type, message } = example?.error ?? {};
    if (response.status >= 400 && code && type && message) documented.set(response.status, { code, type, message });
  }
  return { kind: 'platform', bounds: platformBounds, documented };
}

/** The `maxLength` of each string field of an error envelope's `error` object. */
function errorFieldBounds(model: Contract, schemaName: string): FieldBounds {
  const error = model.schema(schemaName).properties?.error;
  if (!error) throw new Error(`${schemaName} has no error object`);
  const bounds = new Map<string, number>();
  for (const [name, node] of Object.entries(model.resolve(error).properties ?? {})) {
    const { maxLength } = model.resolve(node);
    if (maxLength !== undefined) bounds.set(name, maxLength);
  }
  return bounds;
}
