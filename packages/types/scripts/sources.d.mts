import type { Contract } from '@freddy/spec';

export declare function openapiSource(document: object): Promise<string>;
export declare function operationsSource(contract: Contract): string;
export declare function namesSource(contract: Contract): string;
