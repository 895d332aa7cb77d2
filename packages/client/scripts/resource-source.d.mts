import type { Contract, ContractOperation } from '@freddy/spec';

export interface ResourceMethod {
  /** The method's name on its resource, e.g. `retrieve`. */
  name: string;
  doc: string;
  /** As the generated interface declares it, e.g. `retrieve(threadId: string, options?: RequestOptions): ApiPromise<Thread>;`. */
  signature: string;
  implementation: string;
  /** The @freddy/types names the signature uses. */
  types: string[];
}

export declare function resourceMethod(contract: Contract, op: ContractOperation): ResourceMethod;
export declare function resourceSource(contract: Contract): string;
export declare function signatureTypesSource(contract: Contract): string;
