/**
 * The size budget is a fixed part plus a part per operation
 * (`.size-limit.ts`, which `pnpm test` runs size-limit with): a contract with
 * one operation more, built and measured as the real bundle is, must still
 * fit it, so adding an operation never needs the budget edited.
 */
import { describeContract } from '@freddy/spec';
import { expect, test } from 'vitest';
import { budget } from '../.size-limit.js';
import { bundleSizes } from './support/bundle-size.js';
import { withFixtureOperation } from './support/fixture-operation.js';

test('a contract with one operation more fits fixed + perOperation × its operations', async () => {
  const doc = withFixtureOperation({ operationId: 'zzFixtureProbeThread', tag: 'Threads' });
  const operations = describeContract(doc).operations.length;
  const { plusOne } = await bundleSizes({ plusOne: doc });
  expect(plusOne).toBeGreaterThan(budget.fixed);
  expect(plusOne).toBeLessThanOrEqual(budget.fixed + budget.perOperation * operations);
});
