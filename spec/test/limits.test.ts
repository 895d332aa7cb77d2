import { describe, expect, it } from 'vitest';
import { describeContract } from '../src/index.js';

const contract = describeContract();

describe('the request body limit', () => {
  it('is stated as data, and the 413 response describes the same figure', () => {
    const limit = contract.limits.requestBodyMaxBytes;
    const tooLarge = contract.operation('createThread').responses.find((response) => response.status === 413);
    expect(tooLarge?.description).toContain(`${limit} bytes`);
    expect(tooLarge?.description).toContain(`${limit / 1024} KiB`);
  });
});
