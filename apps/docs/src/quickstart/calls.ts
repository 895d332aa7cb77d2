/**
 * The quickstart's first call: create a thread, then list the threads, in
 * curl, TypeScript and Python, written by the same generators as every
 * operation's samples. The two operations are found by their shape, not by
 * name: the collection, a path without parameters that takes a POST and a GET.
 */
import type { Contract, ContractOperation } from '@freddy/spec';
import { clientCall, clientPrelude } from '../samples/client.js';
import { curlSample } from '../samples/curl.js';
import { requestShape } from '../samples/index.js';
import { pythonCall, pythonPrelude } from '../samples/python.js';
import type { CodeSample } from '../samples/sample.js';

export interface QuickstartCalls {
  create: ContractOperation;
  list: ContractOperation;
}

export function quickstartCalls(contract: Contract): QuickstartCalls {
  for (const create of contract.operations) {
    if (create.method !== 'POST' || create.template.names.length > 0) continue;
    const list = contract.operations.find((operation) => operation.method === 'GET' && operation.path === create.path);
    if (list) return { create, list };
  }
  throw new Error(
    'The contract has no collection for the quickstart: no path without parameters takes a POST and a GET',
  );
}

export type QuickstartSample = CodeSample & { lang: 'curl' | 'TypeScript' | 'Python' };

/** What each program calls the two answers it prints. */
export const ANSWERS = ['created', 'listed'] as const;

/**
 * The three programs, each sending both requests to `baseUrl` (by default
 * the contract's reference server, where the demo key works) and printing
 * both answers as JSON.
 */
export function quickstartSamples(
  contract: Contract,
  baseUrl: string = contract.referenceServer.url,
): QuickstartSample[] {
  const { create, list } = quickstartCalls(contract);
  const overrides = { baseUrl };
  const shapes = [requestShape(create, overrides), requestShape(list, overrides)] as const;
  const calls = (write: (shape: (typeof shapes)[number], answer: string) => string[]) =>
    shapes.flatMap((shape, index) => ['', ...write(shape, ANSWERS[index]!)]);
  return [
    { lang: 'curl', label: 'curl', source: shapes.map(curlSample).join('\n\n') },
    {
      lang: 'TypeScript',
      label: 'TypeScript',
      source: [...clientPrelude(shapes[0], overrides), ...calls(clientCall)].join('\n'),
    },
    { lang: 'Python', label: 'Python', source: [...pythonPrelude(), ...calls(pythonCall)].join('\n') },
  ];
}
