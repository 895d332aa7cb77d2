/**
 * Every response header on one page: each with its type, bounds and
 * description as the contract states them, and which operations send it
 * with which statuses. The operations' pages list their headers' facts and
 * link here for the descriptions, which are the same on every operation.
 */
import type { Contract, ContractHeader, ContractOperation } from '@freddy/spec';
import { LLMS_INDEX, operationPagePath, relativeHref } from './locations.js';
import { schemaFacts, typeName } from './schema-fields.js';
import { code, oneLine } from './text.js';

interface Sent {
  header: ContractHeader;
  /** The statuses each operation sends it with. */
  by: Map<ContractOperation, number[]>;
}

export function responseHeadersPage(contract: Contract, at: string): string {
  const headers = new Map<string, Sent>();
  for (const operation of contract.operations) {
    for (const response of operation.responses) {
      for (const header of response.headers) {
        // The same name described two ways is two entries.
        const key = `${header.name}: ${oneLine(header.description)}`;
        const entry = headers.get(key) ?? { header, by: new Map() };
        entry.by.set(operation, [...(entry.by.get(operation) ?? []), response.status]);
        headers.set(key, entry);
      }
    }
  }
  const lines = [...headers.values()].map(({ header, by }) => {
    const facts = [typeName(contract.document, header.schema), ...schemaFacts(contract.document, header.schema)];
    const description = oneLine(header.description) || oneLine(header.schema.description);
    return `- ${code(header.name)} (${facts.join(', ')}): ${description} Sent by ${senders(contract, by, at)}.`;
  });
  return [
    '# Response headers',
    `The headers the operations answer with, each as the contract describes it, and which operations send it with which statuses. Every page: [${LLMS_INDEX}](${relativeHref(at, LLMS_INDEX)}).`,
    lines.join('\n'),
  ]
    .join('\n\n')
    .concat('\n');
}

function senders(contract: Contract, by: Map<ContractOperation, number[]>, at: string): string {
  const always = (operation: ContractOperation) => by.get(operation)?.length === operation.responses.length;
  if (contract.operations.every(always)) return 'every operation, with every status';
  return [...by]
    .map(([operation, statuses]) => {
      const link = `[${operation.summary}](${relativeHref(at, operationPagePath(operation))})`;
      return `${link} (${always(operation) ? 'every status' : statuses.join(', ')})`;
    })
    .join(', ');
}
