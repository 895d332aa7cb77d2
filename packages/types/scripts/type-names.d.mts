import type { Contract, ContractOperation } from '@freddy/spec';

export interface NamedType {
  /** The exported name, e.g. `Thread`, `ListThreadsQuery`. */
  name: string;
  /** Its definition over the generated `components` and `operations`. */
  source: string;
  /** One line for its JSDoc. */
  doc: string;
}

export interface SignatureTypes {
  response: NamedType;
  body?: NamedType & { required: boolean };
  query?: NamedType & { required: boolean };
}

export declare function signatureTypes(contract: Contract, op: ContractOperation): SignatureTypes;
