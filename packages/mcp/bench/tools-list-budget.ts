/**
 * What the `tools/list` answer may weigh, in bytes, as a host receives it (one JSON-RPC line): a host
 * puts it in the model's context on every turn. Stated once, here, as a fixed part and a part per
 * operation of the contract, so the budget grows with the contract and not past what a tool costs.
 * `test/schemas.test.ts` holds the answer to it, `bench/overhead.mjs` reports against it, and the
 * README states the formula.
 *
 * Measured on 2026-12-07 from the built tools (8 operations): the answer without tools is 46 bytes;
 * a tool costs 669–2,502 bytes, 1,573 on average (12,626 bytes in all, with the writes' optional
 * `idempotency_key`, 181 bytes each). The fixed part is the envelope with room to spare; the part per
 * operation is today's average tool, rounded up.
 */
export const TOOLS_LIST_BUDGET = { fixedBytes: 100, bytesPerOperation: 1_600 } as const;

/** The budget for a contract of `operations` operations: `fixedBytes + bytesPerOperation × operations`. */
export function toolsListBudgetBytes(operations: number): number {
  return TOOLS_LIST_BUDGET.fixedBytes + TOOLS_LIST_BUDGET.bytesPerOperation * operations;
}
