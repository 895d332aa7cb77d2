// The size budget, stated once: a fixed part, plus a part for each operation
// of the contract (its route and its method), measured by
// `node bench/size-per-operation.mjs` (see the README's "Size"); a test
// checks that a contract with one operation more still fits.
import { clientRoutes } from '@freddy/types';

export const budget = { fixed: 4960, perOperation: 46 };

const operations = Object.keys(clientRoutes).length;
const limit = `${budget.fixed + budget.perOperation * operations} B`;

export default [
  {
    name: `@freddy/client (ESM, with openapi-fetch, minified + gzipped): ${budget.fixed} B + ${budget.perOperation} B × ${operations} operations`,
    path: 'dist/index.js',
    import: '{ createFreddyClient }',
    limit,
    gzip: true,
  },
  {
    name: '@freddy/client (ESM, every export, with openapi-fetch, minified + gzipped)',
    path: 'dist/index.js',
    limit,
    gzip: true,
  },
  {
    name: 'openapi-fetch 0.17.0 alone, whole module (for comparison)',
    path: 'node_modules/openapi-fetch/dist/index.mjs',
    limit: '3.5 kB',
    gzip: true,
  },
];
