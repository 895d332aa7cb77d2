/**
 * The quickstart as Markdown: a key, the client, a first call. One text for
 * both places it is read: a section of the Redoc reference (under `##`,
 * linking operations by their Redoc route) and `quickstart.md` (under `#`,
 * linking the operations' Markdown pages).
 */
import type { Contract, ContractOperation } from '@freddy/spec';
import { fenced, firstSentence, oneLine } from '../markdown/text.js';
import { API_KEY_VARIABLE } from '../samples/sample.js';
import { quickstartCalls, quickstartSamples } from './calls.js';
import { clientPackageName, sandboxPackageName } from './packages.js';

export const QUICKSTART_TITLE = 'Quickstart';
/** The one line that says what the quickstart is, for an index. */
export const QUICKSTART_NOTE =
  'get a key, install the client, create a thread and list it, in curl, TypeScript and Python';

export interface QuickstartOptions {
  /** The level of the quickstart's own heading: 1 on its page, 2 in the reference's description. */
  level: 1 | 2;
  /** Where the text links an operation. */
  link(operation: ContractOperation): string;
  /** Lines that end the text (the reference's link to the Markdown page, the page's to the reference). */
  trailer?: string;
}

/** The language each sample's block is fenced with. */
const FENCE = { curl: 'sh', TypeScript: 'ts', Python: 'python' } as const;

export function quickstartMarkdown(contract: Contract, options: QuickstartOptions): string {
  const heading = (depth: number, text: string) => `${'#'.repeat(options.level + depth)} ${text}`;
  const { create, list } = quickstartCalls(contract);
  const reference = contract.referenceServer;
  const [scheme] = create.security;
  const schemeNode = scheme ? contract.document.components?.securitySchemes?.[scheme.name] : undefined;
  const schemeText = leadingSentences(schemeNode && 'description' in schemeNode ? schemeNode.description : '', 2);
  const call = (operation: ContractOperation) =>
    `[${operation.summary}](${options.link(operation)}), \`${operation.method} ${operation.path}\``;
  const parts = [
    heading(0, QUICKSTART_TITLE),
    `Three steps to a first answer: ${QUICKSTART_NOTE}.`,
    heading(1, '1. Get a key'),
    `Locally, the reference server answers every operation and makes a key for you: run \`pnpm start\` at the root of this repository, or \`npx ${sandboxPackageName()}\` anywhere. It serves the API at \`${reference.url}\` and prints its demo key. Put the key in the environment, where every sample here reads it:`,
    fenced('sh', `export ${API_KEY_VARIABLE}=<the demo key>`),
    `In production, use your organization's API key.${schemeText ? ` How to send it${scheme ? ` (\`${scheme.name}\`)` : ''}: ${schemeText}` : ''}`,
    heading(1, '2. Install the client'),
    fenced('sh', `npm install ${clientPackageName()}`),
    'The TypeScript sample uses it. The Python sample uses `requests` (`pip install requests`); curl needs nothing.',
    heading(1, '3. Make a first call'),
    `Create a thread (${call(create)}), then list the threads (${call(list)}): the new thread is in the list. Each program prints both answers. As written, they call the reference server; in production the same calls go to \`${create.server.url}\`, where the client needs no \`baseUrl\`: it knows each operation's host.`,
    // On its page each language is a heading, as on the operations' pages; in the reference a bold label, as
    // Redoc lists every heading of the description in its sidebar.
    ...quickstartSamples(contract).flatMap((sample) => [
      options.level === 1 ? heading(2, sample.label) : `**${sample.label}**`,
      fenced(FENCE[sample.lang], sample.source),
    ]),
    options.trailer,
  ];
  return parts.filter(Boolean).join('\n\n').concat('\n');
}

/** The first `count` sentences of a description, on one line: what a scheme is, before its fine print. */
function leadingSentences(text: string | undefined, count: number): string {
  let rest = oneLine(text);
  const sentences: string[] = [];
  while (rest && sentences.length < count) {
    const sentence = firstSentence(rest);
    sentences.push(sentence);
    rest = rest.slice(sentence.length).trim();
  }
  return sentences.join(' ');
}
