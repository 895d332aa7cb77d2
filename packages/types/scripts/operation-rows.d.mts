import type { ContractOperation } from '@freddy/spec';

export interface OperationRow {
  method: ContractOperation['method'];
  path: string;
  server: string;
  security: { scheme: string; kind: ContractOperation['security'][number]['kind']; header: string }[];
  idempotencyKey: boolean;
}

export interface ClientRoute {
  method: ContractOperation['method'];
  path: string;
  server: string;
  /** The header an API key goes in; null where it is sent as a bearer token. */
  apiKeyHeader: string | null;
  idempotencyKey: boolean;
}

export declare function operationRow(op: ContractOperation): OperationRow;
export declare function clientRoute(op: ContractOperation): ClientRoute;
