/**
 * The built Markdown says what the contract says: every operation's page
 * against `describeContract()` (method, path, server, credential, every
 * parameter, body property, response status and field with its type, bounds,
 * default and whether it is required, every named example, the samples the
 * tests run, its links); the seed pages' bodies verbatim; the concept pages
 * against the description Redoc renders them from, at the anchors the built
 * page has; llms.txt in the llmstxt.org shape with links relative to it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import {
  type Contract,
  type ContractOperation,
  describeContract,
  loadSpec,
  type ReferenceObject,
  type SchemaObject,
} from '@freddy/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { docsSpec } from '../src/build-spec.js';
import { splitDescription } from '../src/markdown/concepts.js';
import { appDir, siteDir } from '../src/paths.js';
import { isPrecompressedCopy } from '../src/precompress.js';
import { codeSamples } from '../src/samples/index.js';
import { exampleValue, itemFacts, itemLine, links, section } from './support/markdown.js';
import { requireBuiltSite, siteIndex } from './support/site.js';

const contract = describeContract();
/** The description Redoc renders the concept sections from: the docs document's, changelog included. */
const described = splitDescription(docsSpec(loadSpec()).info.description);
const read = (path: string) => readFileSync(join(siteDir, path), 'utf8');
/** The documented page of an operation: its id in kebab case. */
const pagePath = (operation: ContractOperation) =>
  `operations/${operation.id.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}.md`;

interface SchemaPath {
  path: string;
  required: boolean;
  schema: SchemaObject;
}

/** Every property path of a schema as a reader names it (`messages[].role`, `metadata.*`), found here by itself. */
function schemaPaths(model: Contract, root: SchemaObject | ReferenceObject, prefix = '', seen = new Set<object>()) {
  const out: SchemaPath[] = [];
  const schema = model.resolve(root);
  if (seen.has(schema)) return out;
  seen.add(schema);
  const withBranches = (node: SchemaObject) => [
    node,
    ...[...(node.anyOf ?? []), ...(node.oneOf ?? [])].map(model.resolve),
  ];
  for (const [name, node] of Object.entries(schema.properties ?? {})) {
    const property = model.resolve(node);
    out.push({ path: `${prefix}${name}`, required: (schema.required ?? []).includes(name), schema: property });
    for (const branch of withBranches(property)) {
      if ('items' in branch && branch.items) out.push(...schemaPaths(model, branch.items, `${prefix}${name}[].`, seen));
      else if (branch.properties || typeof branch.additionalProperties === 'object')
        out.push(...schemaPaths(model, branch, `${prefix}${name}.`, seen));
    }
  }
  if (typeof schema.additionalProperties === 'object') {
    out.push({ path: `${prefix}*`, required: false, schema: model.resolve(schema.additionalProperties) });
  }
  seen.delete(schema);
  return out;
}

const BOUNDS = ['minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'minItems', 'maxItems', 'maxProperties'];

/** The bounds, default and allowed values a schema states, each as the page must show it. */
function expectedFacts(model: Contract, schema: SchemaObject): string[] {
  const facts: string[] = [];
  for (const node of [schema, ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map(model.resolve)]) {
    for (const keyword of BOUNDS) {
      const value = (node as Record<string, unknown>)[keyword];
      if (value !== undefined) facts.push(`\`${keyword}: ${value}\``);
    }
    if (node.default !== undefined) facts.push(`default ${inline(node.default)}`);
    if (node.enum) facts.push(`one of ${node.enum.map(inline).join(', ')}`);
  }
  return facts;
}

/** The JSON types a schema (or its branches) may take: the page's type must name each. */
function expectedTypes(model: Contract, schema: SchemaObject): string[] {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return branches.flatMap((branch) => expectedTypes(model, model.resolve(branch)));
  return [schema.type ?? 'any'].flat().map(String);
}

function expectItem(text: string, name: string, required: boolean, schema: SchemaObject, where: string): string[] {
  const line = itemLine(text, name);
  expect(line, `${where}: a line for ${name}`).toBeDefined();
  const facts = itemFacts(line!);
  expect(facts, `${where} ${name}`).toContain(required ? 'required' : 'optional');
  for (const type of expectedTypes(contract, schema)) expect(facts[0], `${where} ${name}: type`).toContain(type);
  for (const fact of expectedFacts(contract, schema)) expect(facts.join(', '), `${where} ${name}`).toContain(fact);
  return facts;
}

describe('the Markdown pages of the built site', () => {
  beforeAll(requireBuiltSite);

  it('writes a page per operation at operations/<operationId in kebab case>.md, and no other', () => {
    expect(pagePath(contract.operation('pinThread'))).toBe('operations/pin-thread.md');
    expect(
      readdirSync(join(siteDir, 'operations'))
        .filter((name) => !isPrecompressedCopy(name))
        .sort(),
    ).toEqual(contract.operations.map((operation) => posix.basename(pagePath(operation))).sort());
  });

  describe.each(contract.operations.map((operation) => [operation.id, operation] as const))('%s', (_, operation) => {
    let page: string;
    beforeAll(() => {
      page = read(pagePath(operation));
    });

    it('states the method, path, server and each credential it takes', () => {
      expect(page.startsWith(`# ${operation.summary}\n`)).toBe(true);
      expect(page).toContain(`- Method and path: \`${operation.method} ${operation.path}\``);
      for (const server of operation.servers) expect(page).toContain(`\`${server.url}\` (${server.environment})`);
      expect(page.indexOf(operation.server.url)).toBeLessThan(page.indexOf(contract.referenceServer.url));
      for (const scheme of operation.security) {
        const value = scheme.kind === 'bearer' ? 'Bearer $FREDDY_API_KEY' : '$FREDDY_API_KEY';
        expect(page).toContain(`\`${scheme.header}: ${value}\` (\`${scheme.name}\`)`);
      }
    });

    it('lists every parameter with where it goes, its type, bounds, default and whether it is required', () => {
      const parameters = Object.values(operation.parameters).flat();
      if (parameters.length === 0) return;
      const listed = section(page, /^## Parameters$/);
      for (const parameter of parameters) {
        const facts = expectItem(listed, parameter.name, parameter.required, parameter.schema, 'parameter');
        expect(facts).toContain(parameter.in);
        for (const limit of operation.limits.filter((l) => l.where === `${parameter.in}.${parameter.name}`))
          expect(facts).toContain(`\`${limit.keyword}: ${limit.value}\``);
      }
    });

    it('lists every request-body property with its type, bounds, default and whether it is required', () => {
      const body = operation.requestBody;
      if (!body) return expect(page).not.toContain('## Request body');
      const listed = section(page, /^## Request body$/);
      expect(listed).toContain(`\`application/json\`, ${body.required ? 'required' : 'optional'}.`);
      const paths = schemaPaths(contract, body.schema);
      expect(paths.length).toBeGreaterThan(0);
      for (const { path, required, schema } of paths) expectItem(listed, path, required, schema, 'body');
      // The contract model's own reading of the bounds and defaults, found on their fields.
      for (const limit of operation.limits.filter((l) => l.where.startsWith('body.')))
        expect(itemFacts(itemLine(listed, limit.where.slice(5))!)).toContain(`\`${limit.keyword}: ${limit.value}\``);
      for (const [name, value] of Object.entries(body.defaults))
        expect(itemFacts(itemLine(listed, name)!)).toContain(`default ${inline(value)}`);
      for (const example of body.examples) expect(exampleValue(listed, example.name)).toEqual(example.value);
    });

    it('gives every response status with its fields and its named examples', () => {
      const responses = section(page, /^## Responses$/);
      expect([...responses.matchAll(/^### (\d{3}): /gm)].map((match) => Number(match[1]))).toEqual(
        operation.responses.map((response) => response.status),
      );
      for (const response of operation.responses) {
        const own = section(responses, new RegExp(`^### ${response.status}: `));
        expect(own).toContain(response.description.replace(/\s+/g, ' ').trim());
        if (response.schema) {
          // A schema already listed on this page is named with the status it is listed under.
          const earlier = own.match(/fields as under (\d{3})\./)?.[1];
          const fields = earlier ? section(responses, new RegExp(`^### ${earlier}: `)) : own;
          if (earlier) expect(fields).toContain(`Body: \`${response.schemaName}\`.`);
          for (const { path, required, schema } of schemaPaths(contract, response.schema))
            expectItem(fields, path, required, schema, `${response.status}`);
        }
        for (const example of response.examples) expect(exampleValue(own, example.name)).toEqual(example.value);
      }
    });

    it('lists every response header once, with the statuses that send it, described on the headers page', () => {
      const headers = section(page, /^## Response headers$/);
      expect(headers).toContain('[Response headers](../response-headers.md)');
      for (const response of operation.responses)
        for (const header of response.headers) {
          const facts = itemFacts(itemLine(headers, header.name)!);
          expect(
            facts.some((fact) => fact === 'with every status' || fact.split(/[ ,]+/).includes(`${response.status}`)),
          ).toBe(true);
        }
    });

    it('carries the generated code samples, the ones the tests run', () => {
      const samples = section(page, /^## Code samples$/);
      for (const sample of codeSamples(operation)) {
        expect(samples).toContain(`### ${sample.label}`);
        expect(samples).toContain(sample.source);
      }
    });

    it('links its HTML anchor, its console page and its related operations, each to a file that exists', () => {
      const route = `${operation.tag.toLowerCase()}/${operation.id.toLowerCase()}`;
      expect(page).toContain(`](../index.html#/${route})`);
      expect(page).toContain(`](../console/index.html#tag/${route})`);
      expect(page).toContain('](../llms.txt)');
      const related = section(page, /^## Related operations$/);
      expect(links(related).length).toBeGreaterThan(0);
      for (const link of links(page)) {
        const target = posix.join(posix.dirname(pagePath(operation)), link.split('#')[0]!);
        expect(existsSync(join(siteDir, target)), `${link} from ${pagePath(operation)}`).toBe(true);
      }
    });
  });

  it("shows the seed pages' bodies verbatim, as the vendor printed them, on their operation's page", () => {
    const seedsDir = join(appDir, '../../spec/test/vendor-pages');
    const seeds = readdirSync(seedsDir).filter((name) => name.endsWith('.txt'));
    expect(seeds.length).toBe(2);
    for (const seed of seeds) {
      const text = readFileSync(join(seedsDir, seed), 'utf8');
      const operation = contract.operations.find((op) => text.startsWith(`# ${op.summary} `));
      expect(operation, seed).toBeDefined();
      const page = read(pagePath(operation!));
      const bodies = [...text.matchAll(/```json[^{]*(\{.*?\}) ```/g)].map((match) => match[1]!);
      expect(bodies.length, seed).toBeGreaterThan(0);
      for (const body of bodies) expect(page, `${seed}: ${body}`).toContain(`\`\`\`json\n${body}\n\`\`\``);
    }
  });

  describe('concept pages', () => {
    it("are the sections of the reference's description, at concepts/<its anchor>.md", () => {
      expect(described.sections.map((concept) => concept.slug)).toEqual([
        'authentication',
        'errors',
        'idempotency',
        'rate-limits',
        'known-inconsistencies',
        'api-changelog',
      ]);
      expect(
        readdirSync(join(siteDir, 'concepts'))
          .filter((name) => !isPrecompressedCopy(name))
          .sort(),
      ).toEqual(described.sections.map((concept) => `${concept.slug}.md`).sort());
    });

    it('each carry their section of the description, and link its anchor on the built page', () => {
      const html = readFileSync(siteIndex, 'utf8');
      for (const concept of described.sections) {
        const page = read(`concepts/${concept.slug}.md`);
        expect(page.startsWith(`# ${concept.title}\n`)).toBe(true);
        expect(page).toContain(concept.body);
        expect(html.includes(`id="${concept.route}"`), concept.route).toBe(true);
        expect(page).toContain(`](../index.html#${concept.route})`);
      }
      // The description's text reaches the pages whole: nothing lost between the sections.
      const everything = described.sections.map((concept) => concept.body).join('\n');
      for (const word of ['X-API-Key', 'idempotency_key_reused', 'Retry-After', 'thrd_…', 'First release'])
        expect(everything).toContain(word);
    });
  });

  it('describes every response header on one page, with the operations and statuses that send it', () => {
    const page = read('response-headers.md');
    for (const operation of contract.operations)
      for (const response of operation.responses)
        for (const header of response.headers) {
          const line = itemLine(page, header.name)!;
          expect(line, header.name).toContain(`: ${header.description.replace(/\s+/g, ' ').trim()}`);
          for (const fact of expectedFacts(contract, header.schema)) expect(line, header.name).toContain(fact);
          const everywhere = line.endsWith('Sent by every operation, with every status.');
          expect(everywhere || line.includes(`[${operation.summary}](${pagePath(operation)}) (`), header.name).toBe(
            true,
          );
        }
  });

  describe('llms.txt', () => {
    let index: string;
    beforeAll(() => {
      index = read('llms.txt');
    });

    it('has the llmstxt.org shape: a title, a one-paragraph summary, then sections of links', () => {
      expect(index.startsWith(`# ${contract.title}\n\n> `)).toBe(true);
      const quote = index.split('\n\n')[1]!;
      expect(quote.split('\n').every((line) => line.startsWith('> '))).toBe(true);
      const headings = [...index.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
      expect(headings).toEqual(['Concepts', 'Operations', 'Reference', 'Optional']);
      for (const heading of headings) {
        const items = section(index, new RegExp(`^## ${heading}$`))
          .split('\n')
          .slice(1)
          .filter(Boolean);
        for (const item of items) expect(item).toMatch(/^- \[[^\]]+\]\([^)\s]+\): \S.*$/);
      }
    });

    it('links every concept, then every operation, with URLs relative to itself that resolve', () => {
      const concepts = section(index, /^## Concepts$/);
      const operations = section(index, /^## Operations$/);
      for (const operation of contract.operations)
        expect(operations).toContain(
          `- [${operation.summary}](${pagePath(operation)}): \`${operation.method} ${operation.path}\``,
        );
      expect(links(concepts)).toEqual(described.sections.map((concept) => `concepts/${concept.slug}.md`));
      expect(links(operations)).toEqual(contract.operations.map(pagePath));
      for (const link of links(index)) {
        expect(link).not.toMatch(/^([a-z]+:|\/)/);
        expect(existsSync(join(siteDir, link)), link).toBe(true);
      }
    });
  });

  describe('llms-full.txt', () => {
    let full: string;
    beforeAll(() => {
      full = read('llms-full.txt');
    });

    it('holds every page, each after its Source line, and every example of the contract', () => {
      const sources = [...full.matchAll(/^Source: (\S+)$/gm)].map((match) => match[1]!);
      expect(sources).toEqual([
        ...described.sections.map((concept) => `concepts/${concept.slug}.md`),
        'response-headers.md',
        ...contract.operations.map(pagePath),
      ]);
      for (const operation of contract.operations) {
        expect(full).toContain(`# ${operation.summary}\n`);
        for (const sample of codeSamples(operation)) expect(full).toContain(sample.source);
        const examples = [
          ...(operation.requestBody?.examples ?? []),
          ...operation.responses.flatMap((response) => response.examples),
        ];
        for (const example of examples) expect(full).toContain(`\`\`\`json\n${oneLineJson(example.value)}\n\`\`\``);
      }
    });

    it('says every parameter and header description once at least, each where the name is met with it', () => {
      const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
      for (const operation of contract.operations) {
        const described = [
          ...Object.values(operation.parameters).flat(),
          ...operation.responses.flatMap((response) => response.headers),
        ];
        for (const item of described) {
          const text = oneLine(item.description || item.schema.description || '');
          expect(full, `${operation.id} ${item.name}`).toContain(`- \`${item.name}\` (`);
          expect(full, `${operation.id} ${item.name}`).toContain(`: ${text}`);
        }
      }
    });

    it('links relative to itself, to files that exist', () => {
      for (const link of links(full)) expect(existsSync(join(siteDir, link.split('#')[0]!)), link).toBe(true);
    });
  });
});

/** A value as inline code: a string as it is, anything else as JSON. */
function inline(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** JSON as the seed pages print it: one line, a space after each `{`, `,` and `:`. */
function oneLineJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\n */g, ' ');
}
