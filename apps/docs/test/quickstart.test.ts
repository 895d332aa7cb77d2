/**
 * The quickstart: generated from the contract by the sample generators (a
 * changed contract changes it), published at the top of the reference and as
 * quickstart.md, and working: its curl, TypeScript and Python each run
 * against a fresh reference server over a real socket, create a thread, and
 * find it in the list.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Contract, createResponseValidator, describeContract, loadSpec, type OpenApiDocument } from '@freddy/spec';
import { withSandbox } from '@freddy/testing';
import { describe, expect, it } from 'vitest';
import { splitDescription } from '../src/markdown/concepts.js';
import { appDir, docsSpecPath, siteDir } from '../src/paths.js';
import { ANSWERS, quickstartCalls, quickstartSamples } from '../src/quickstart/calls.js';
import { clientPackageName, sandboxPackageName } from '../src/quickstart/packages.js';
import { QUICKSTART_PAGE, quickstartPage } from '../src/quickstart/page.js';
import { withQuickstart } from '../src/quickstart/reference.js';
import { QUICKSTART_TITLE } from '../src/quickstart/text.js';
import { codeSamples, sampleFor } from '../src/samples/index.js';
import {
  nodeOutput,
  pythonHasRequests,
  pythonOutput,
  runCurlCalls,
  typecheck,
  writeSample,
} from './support/run-sample.js';
import { requireBuiltSite } from './support/site.js';

const contract = describeContract();
const checkResponse = createResponseValidator(contract);
const { create, list } = quickstartCalls(contract);
const withPython = pythonHasRequests();

function sample(lang: 'curl' | 'TypeScript' | 'Python', of: Contract = contract, baseUrl?: string): string {
  const found = quickstartSamples(of, baseUrl).find((candidate) => candidate.lang === lang);
  if (!found) throw new Error(`No ${lang} quickstart`);
  return found.source;
}

/** Pretty-printed JSON documents one after another, as the programs print them: each starts at column 0. */
function jsonDocuments(output: string): unknown[] {
  return output
    .split(/^(?=[{[])/m)
    .filter((part) => part.trim())
    .map((part) => JSON.parse(part));
}

/** Both answers are what the contract documents, and the list holds the thread just created. */
function expectCreatedThenListed(created: unknown, listed: unknown): void {
  expect(checkResponse(create.id, 200, created)).toEqual({ valid: true, errors: '' });
  expect(checkResponse(list.id, 200, listed)).toEqual({ valid: true, errors: '' });
  const { id } = created as { id: string };
  expect((listed as { data: { id: string }[] }).data.map((thread) => thread.id)).toEqual([id]);
}

describe('the quickstart, generated', () => {
  it("calls the collection's create, then its list: a POST and a GET on one path without parameters", () => {
    expect([create.method, list.method]).toEqual(['POST', 'GET']);
    expect(create.path).toBe(list.path);
    expect(create.template.names).toEqual([]);
  });

  it("is the operations' own samples, pointed at the reference server", () => {
    const { url } = contract.referenceServer;
    const own = (operation: typeof create, lang: 'curl' | 'Python' | 'TypeScript') =>
      sampleFor(codeSamples(operation, { baseUrl: url }), lang);
    expect(sample('curl')).toBe(`${own(create, 'curl')}\n\n${own(list, 'curl')}`);
    // Each program makes both calls as the operations' own samples make theirs, answers named for what they are.
    for (const lang of ['TypeScript', 'Python'] as const) {
      const program = sample(lang);
      [create, list].forEach((operation, index) => {
        const call = own(operation, lang).split('\n\n').at(-1)!.replaceAll('result', ANSWERS[index]!);
        expect(program, `${lang}, ${operation.id}`).toContain(call);
      });
      expect(program).toContain(url);
    }
  });

  it('follows the contract: another example, collection path and reference server change it', () => {
    const doc = structuredClone(contract.document) as OpenApiDocument;
    const moved = `${create.path}-moved`;
    doc.paths![moved] = doc.paths![create.path]!;
    delete doc.paths![create.path];
    const server = doc.servers!.find((entry) => entry.url === contract.referenceServer.url)!;
    server.url = 'http://127.0.0.1:4999/v2';
    const changed = describeContract(doc);
    const body = changed.operation(create.id).requestBody!.examples[0]!.value as Record<string, unknown>;
    const [field] = Object.keys(body);
    body[field!] = 'Changed in a copy of the contract';
    const curl = sample('curl', changed);
    expect(curl).toContain(`"http://127.0.0.1:4999/v2${moved}"`);
    expect(curl).toContain('Changed in a copy of the contract');
    expect(curl).not.toContain(`${create.path}"`);
  });

  it('refuses a contract with no collection to create in and list, saying so', () => {
    const doc = structuredClone(contract.document) as OpenApiDocument;
    delete doc.paths![list.path]!.get;
    expect(() => quickstartCalls(describeContract(doc))).toThrow(/no path without parameters takes a POST and a GET/);
  });

  it('installs the client by its package.json name, the package the TypeScript imports', () => {
    const manifest = JSON.parse(readFileSync(join(appDir, '../../packages/client/package.json'), 'utf8'));
    expect(clientPackageName()).toBe(manifest.name);
    const page = quickstartPage(contract, QUICKSTART_PAGE);
    expect(page).toContain(`npm install ${manifest.name}\n`);
    expect(sample('TypeScript')).toContain(`from '${manifest.name}';`);
  });

  it('runs the reference server by its package.json name, the package whose demo key the tests use', () => {
    const manifest = JSON.parse(readFileSync(join(appDir, '../sandbox/package.json'), 'utf8'));
    expect(sandboxPackageName()).toBe(manifest.name);
    expect(quickstartPage(contract, QUICKSTART_PAGE)).toContain(`\`npx ${manifest.name}\``);
  });

  it('the TypeScript type-checks against the published client types', async () => {
    const file = basename(writeSample('quickstart-published.mts', sample('TypeScript')));
    expect((await typecheck([file])).output).toBe('');
  });
});

describe('the quickstart, published', () => {
  it('opens the reference: the first section of its description, right after the introduction', () => {
    requireBuiltSite();
    const built = loadSpec(docsSpecPath);
    const described = splitDescription(built.info.description);
    expect(described.sections[0]?.title).toBe(QUICKSTART_TITLE);
    expect(described.introduction).toBe(splitDescription(contract.document.info.description).introduction);
    for (const lang of ['curl', 'TypeScript', 'Python'] as const)
      expect(described.sections[0]!.body).toContain(sample(lang));
    // The rest of the description follows, unchanged.
    expect(withQuickstart(built).info.description).toContain(built.info.description!.slice(-200));
  });

  it('is quickstart.md, and the first page of llms.txt and llms-full.txt', () => {
    requireBuiltSite();
    const page = readFileSync(join(siteDir, QUICKSTART_PAGE), 'utf8');
    expect(page).toBe(quickstartPage(contract, QUICKSTART_PAGE));
    expect(page.startsWith(`# ${QUICKSTART_TITLE}\n`)).toBe(true);
    const index = readFileSync(join(siteDir, 'llms.txt'), 'utf8');
    const firstLink = index.match(/^- \[([^\]]+)\]\(([^)]+)\)/m);
    expect(firstLink?.slice(1)).toEqual([QUICKSTART_TITLE, QUICKSTART_PAGE]);
    const full = readFileSync(join(siteDir, 'llms-full.txt'), 'utf8');
    expect(full.match(/^Source: (\S+)$/m)?.[1]).toBe(QUICKSTART_PAGE);
    expect(full).toContain(quickstartPage(contract, 'llms-full.txt').trimEnd());
  });
});

describe('the quickstart, run against a fresh reference server', () => {
  it('curl: creates a thread, then lists it', async () => {
    await withSandbox({}, async (sandbox) => {
      const calls = await runCurlCalls(
        'quickstart-curl',
        sample('curl', contract, sandbox.url),
        sandbox.credentials.demo.apiKey,
      );
      expect(calls.map((call) => call.status)).toEqual([200, 200]);
      expectCreatedThenListed(calls[0]!.body, calls[1]!.body);
    });
  });

  it('TypeScript (@freddy/client): creates a thread, then lists it', async () => {
    await withSandbox({}, async (sandbox) => {
      const file = writeSample('quickstart.mts', sample('TypeScript', contract, sandbox.url));
      const [created, listed, ...more] = jsonDocuments(await nodeOutput(file, sandbox.credentials.demo.apiKey));
      expect(more).toEqual([]);
      expectCreatedThenListed(created, listed);
    });
  });

  it.skipIf(!withPython)('Python (requests): creates a thread, then lists it', async () => {
    await withSandbox({}, async (sandbox) => {
      const file = writeSample('quickstart.py', sample('Python', contract, sandbox.url));
      const [created, listed, ...more] = jsonDocuments(await pythonOutput(file, sandbox.credentials.demo.apiKey));
      expect(more).toEqual([]);
      expectCreatedThenListed(created, listed);
    });
  });
});
