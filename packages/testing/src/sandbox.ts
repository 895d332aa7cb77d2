/**
 * A reference server for a test suite: in memory, on a free port, without a
 * rate limit or a request log, started before the suite and closed after it.
 */
import { type Sandbox, type SandboxOptions, startSandbox } from '@freddy/sandbox';
import { afterAll, beforeAll } from 'vitest';

const TEST_DEFAULTS: SandboxOptions = { port: 0, memory: true, rateLimit: false, log: false };

export interface SandboxHandle {
  /** The running sandbox; only inside tests and hooks, once `beforeAll` has run. */
  readonly current: Sandbox;
}

/** Starts a sandbox in `beforeAll` and closes it in `afterAll` of the calling suite. */
export function useSandbox(options: SandboxOptions = {}): SandboxHandle {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ ...TEST_DEFAULTS, ...options });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return {
    get current() {
      if (!sandbox) throw new Error('the sandbox is only running inside tests and hooks');
      return sandbox;
    },
  };
}

/** Runs `use` with a sandbox of its own, closed afterwards whatever happens. */
export async function withSandbox<T>(options: SandboxOptions, use: (sandbox: Sandbox) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox({ ...TEST_DEFAULTS, ...options });
  try {
    return await use(sandbox);
  } finally {
    await sandbox.close();
  }
}
