/**
 * One side of the diff as a typed contract: the spec folder bundled in-process
 * with `@redocly/openapi-core` (the same `redocly.yaml`), then described by
 * `describeContract()`. The gate reads versions and operations only from here.
 */
import { join } from 'node:path';
import { bundle, loadConfig } from '@redocly/openapi-core';
import { type Contract, describeContract } from '../contract.js';
import type { OpenApiDocument } from '../document.js';

export async function bundleContract(specDir: string): Promise<Contract> {
  const config = await loadConfig({ configPath: join(specDir, 'redocly.yaml') });
  const result = await bundle({ ref: join(specDir, 'openapi.yaml'), config });
  const unresolved = result.problems.filter((problem) => problem.severity === 'error');
  if (unresolved.length > 0) {
    throw new Error(`Cannot bundle ${specDir}: ${unresolved.map((problem) => problem.message).join('; ')}`);
  }
  return describeContract(result.bundle.parsed as OpenApiDocument);
}
