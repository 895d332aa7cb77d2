import { describe, expect, it } from 'vitest';
import { loadSpec } from '../src/index.js';

const doc = loadSpec();

describe('the request body limit', () => {
  it('is stated as data, and the 413 response describes the same figure', () => {
    const limit = doc['x-request-body-max-bytes'];
    expect(Number.isInteger(limit)).toBe(true);
    const description = String(doc.components.responses?.PayloadTooLarge?.description);
    expect(description).toContain(`${limit} bytes`);
    expect(description).toContain(`${(limit as number) / 1024} KiB`);
  });
});
