/**
 * Every published sample works: the TypeScript ones type-check against
 * `@freddy/client`'s published types, and the curl, TypeScript, JavaScript
 * and (where `requests` is installed) Python ones run against the reference
 * server, with its URL, a real key and a real thread swapped in, and get the
 * documented success status and a body the contract accepts.
 */
import { basename } from 'node:path';
import type { Sandbox } from '@freddy/sandbox';
import { type ContractOperation, createResponseValidator, describeContract } from '@freddy/spec';
import { useSandbox } from '@freddy/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeSamples, type SampleOverrides, sampleFor } from '../src/samples/index.js';
import { pythonHasRequests, runCurl, runNode, runPython, typecheck, writeSample } from './support/run-sample.js';

const contract = describeContract();
const { operations } = contract;
const checkResponse = createResponseValidator(contract);
const cases = operations.map((operation) => [operation.id, operation] as const);
const withPython = pythonHasRequests();
if (!withPython)
  console.warn('python3 has no `requests` module: the Python samples are skipped here (still syntax-checked).');

function expectValid(operation: ContractOperation, status: number, body: unknown): void {
  expect(checkResponse(operation.id, status, body)).toEqual({ valid: true, errors: '' });
}

describe('TypeScript samples against the published client types', () => {
  it('every published TypeScript sample type-checks', async () => {
    const files = operations.map((operation) =>
      basename(writeSample(`published-${operation.id}.mts`, sampleFor(codeSamples(operation), 'TypeScript'))),
    );
    const result = await typecheck(files);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('the check has teeth: a call the client does not have fails it', async () => {
    const pin = sampleFor(codeSamples(contract.operation('pinThread')), 'TypeScript');
    const broken = basename(writeSample('broken-pinThread.mts', pin.replace('.pin(', '.pinn(')));
    const result = await typecheck([broken]);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Property 'pinn' does not exist");
  });
});

describe('samples run against the reference server', () => {
  const running = useSandbox();
  let sandbox: Sandbox;
  let apiKey: string;

  beforeAll(() => {
    sandbox = running.current;
    apiKey = sandbox.credentials.demo.apiKey;
  });

  /** A fresh thread for each run, so delete, pin and update never depend on another test. */
  async function overridesFor(operation: ContractOperation): Promise<SampleOverrides> {
    if (!operation.template.names.includes('thread_id')) return { baseUrl: sandbox.url };
    const response = await fetch(`${sandbox.url}/threads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: `docs sample for ${operation.id}` }),
    });
    expect(response.status).toBe(200);
    const thread = (await response.json()) as { id: string };
    return { baseUrl: sandbox.url, pathValues: { thread_id: thread.id } };
  }

  /**
   * Where the body names the thread, it is the one the sample addressed; an operation the sandbox answers
   * from its documented example (no handler yet) names the example's thread instead.
   */
  function expectSameThread(operation: ContractOperation, overrides: SampleOverrides, body: unknown): void {
    const threadId = overrides.pathValues?.thread_id;
    if (!threadId || sandbox.exampleServed.includes(operation.id)) return;
    const named = (body as { id?: string; threadId?: string }).id ?? (body as { threadId?: string }).threadId;
    expect(named).toBe(threadId);
  }

  it.each(cases)('curl sample of %s', async (operationId, operation) => {
    const overrides = await overridesFor(operation);
    const { status, body } = await runCurl(
      `curl-${operationId}`,
      sampleFor(codeSamples(operation, overrides), 'curl'),
      apiKey,
    );
    expect(status).toBe(operation.success.status);
    expectValid(operation, status, body);
    expectSameThread(operation, overrides, body);
  });

  it.each(cases)('TypeScript (@freddy/client) sample of %s', async (operationId, operation) => {
    const overrides = await overridesFor(operation);
    const file = writeSample(`run-${operationId}.mts`, sampleFor(codeSamples(operation, overrides), 'TypeScript'));
    // The client rejects anything but a documented success, so a parsed body means one.
    const body = await runNode(file, apiKey);
    expectValid(operation, operation.success.status, body);
    expectSameThread(operation, overrides, body);
  });

  it('the swapped TypeScript samples type-check too', async () => {
    const files: string[] = [];
    for (const operation of operations)
      files.push(
        basename(
          writeSample(
            `swapped-${operation.id}.mts`,
            sampleFor(
              codeSamples(operation, { baseUrl: sandbox.url, pathValues: { thread_id: 'thread_x' } }),
              'TypeScript',
            ),
          ),
        ),
      );
    expect((await typecheck(files)).output).toBe('');
  });

  it.each(cases)('JavaScript (fetch) sample of %s', async (operationId, operation) => {
    const overrides = await overridesFor(operation);
    const file = writeSample(`run-${operationId}.mjs`, sampleFor(codeSamples(operation, overrides), 'JavaScript'));
    // The sample throws unless response.ok.
    const body = await runNode(file, apiKey);
    expectValid(operation, operation.success.status, body);
    expectSameThread(operation, overrides, body);
  });

  it.skipIf(!withPython).each(cases)('Python (requests) sample of %s', async (operationId, operation) => {
    const overrides = await overridesFor(operation);
    const file = writeSample(`run-${operationId}.py`, sampleFor(codeSamples(operation, overrides), 'Python'));
    // raise_for_status() fails the run on anything but 2xx.
    const body = await runPython(file, apiKey);
    expectValid(operation, operation.success.status, body);
    expectSameThread(operation, overrides, body);
  });
});
