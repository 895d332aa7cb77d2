import type { Contract } from '@freddy/spec';

export declare function operationsSource(contract: Contract): string;
export declare function namesSource(contract: Contract): string;
