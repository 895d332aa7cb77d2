// What one operation more costs the bundle, and what is left as the fixed
// part: the client is built from the bundled contract and from the same
// contract with one fixture operation more in an existing resource, and both
// are measured as the package's `size` script measures (see
// test/support/bundle-size.ts). `.size-limit.ts` states the budget as
// `fixed + perOperation × operations` from these figures.
import { describeContract, loadSpec } from '@freddy/spec';
import { budget } from '../.size-limit.ts';
import { bundleSizes } from '../test/support/bundle-size.ts';
import { withFixtureOperation } from '../test/support/fixture-operation.ts';

const doc = loadSpec();
const operations = describeContract(doc).operations.length;
const sizes = await bundleSizes({
  contract: doc,
  plusOne: withFixtureOperation({ operationId: 'zzFixtureProbeThread', tag: 'Threads' }),
});
const perOperation = sizes.plusOne - sizes.contract;
console.table([
  { build: `the contract (${operations} operations)`, 'bytes (gzipped)': sizes.contract },
  { build: 'with one fixture operation more', 'bytes (gzipped)': sizes.plusOne },
  { build: 'one operation', 'bytes (gzipped)': perOperation },
  {
    build: `fixed part (${sizes.contract} − ${operations} × ${perOperation})`,
    'bytes (gzipped)': sizes.contract - operations * perOperation,
  },
]);
console.log(
  `.size-limit.ts states ${budget.fixed} B + ${budget.perOperation} B × operations = ${budget.fixed + budget.perOperation * operations} B for these ${operations}`,
);
