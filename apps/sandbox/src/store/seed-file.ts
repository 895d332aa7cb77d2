/**
 * `--seed FILE`: threads to load at start, and again on every reset of their
 * organization. The file is JSON: an array of createThread request bodies
 * (for the demo organization), or `{ "demo": [...], "other": [...] }`. Each
 * entry is checked against the contract's request body schema, and a bad file
 * stops the start with a message naming the first bad entry.
 */
import { readFileSync } from 'node:fs';
import { formatErrors } from '@freddy/spec';
import type { CompiledContract } from '../validation/contract.js';
import type { NewThread } from './threads.js';

export interface SeedThreads {
  demo?: NewThread[];
  other?: NewThread[];
}

const ORGANIZATIONS = ['demo', 'other'] as const;

export function readSeedFile(path: string, contract: CompiledContract): SeedThreads {
  const fail = (problem: string): never => {
    throw new Error(`--seed ${path}: ${problem}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return fail((error as Error).message);
  }
  const groups: Record<string, unknown> = Array.isArray(parsed)
    ? { demo: parsed }
    : (parsed as Record<string, unknown>);
  if (groups === null || typeof groups !== 'object') {
    return fail('expected an array of createThread bodies, or { "demo": [...], "other": [...] }');
  }
  const create = contract.operations.find((operation) => operation.spec.id === 'createThread')?.body;
  if (!create) return fail('the contract has no createThread body to check threads against');

  const out: SeedThreads = {};
  for (const key of Object.keys(groups)) {
    if (!(ORGANIZATIONS as readonly string[]).includes(key)) {
      fail(`unknown organization "${key}"; the sandbox has ${ORGANIZATIONS.join(' and ')}`);
    }
  }
  for (const organization of ORGANIZATIONS) {
    const entries = groups[organization];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) fail(`${organization} must be an array of createThread bodies`);
    out[organization] = (entries as unknown[]).map((entry, index) => {
      if (!create.validate(entry)) {
        fail(`${organization}[${index}] is not a valid createThread body: ${formatErrors(create.validate.errors)}`);
      }
      return { ...create.defaults, ...(entry as object) } as NewThread;
    });
  }
  return out;
}
