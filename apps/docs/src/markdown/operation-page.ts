/**
 * One operation as a Markdown page: what its section of the HTML reference
 * states, read from the contract model and the docs document (its
 * description and its published code samples), never written here.
 */
import {
  type Contract,
  type ContractHeader,
  type ContractOperation,
  type ContractParameter,
  type ContractResponse,
  type CredentialScheme,
  componentName,
  type NamedExample,
  type OpenAPIV3_1,
  type SchemaObject,
} from '@freddy/spec';
import { referenceRoute, tryItHref } from '../console/links.js';
import { type DocsDocument, operationObject, publishedSamples } from '../samples/index.js';
import type { CodeSample } from '../samples/sample.js';
import { LLMS_INDEX, operationPagePath, REFERENCE_PAGE, RESPONSE_HEADERS_PAGE, relativeHref } from './locations.js';
import { relatedOperations } from './related.js';
import { type Field, schemaFacts, schemaFields, typeName } from './schema-fields.js';
import { code, fenced, firstSentence, oneLine } from './text.js';

/**
 * What a text has described so far, and where: a schema's fields, a
 * header's or a parameter's description are written once per text (a page,
 * or the whole of `llms-full.txt`), later mentions point back to them.
 */
export class WrittenOnce {
  private readonly places = new Map<string, string>();

  /** Where `key` was described, or `undefined` after noting that it is described at `place` now. */
  firstAt(key: string, place: string): string | undefined {
    const earlier = this.places.get(key);
    if (earlier === undefined) this.places.set(key, place);
    return earlier;
  }
}

export interface PageContext {
  contract: Contract;
  doc: DocsDocument;
  /** Where the text is read from (the page itself, or `llms-full.txt`): links are relative to it. */
  at: string;
  written: WrittenOnce;
}

/** The fence language of each published sample. */
const SAMPLE_FENCE: Record<CodeSample['lang'], string> = {
  curl: 'sh',
  JavaScript: 'js',
  Python: 'python',
  TypeScript: 'ts',
};

export function operationPage(operation: ContractOperation, context: PageContext): string {
  const page = new OperationPage(operation, context);
  return [
    `# ${operation.summary}`,
    (operationObject(context.doc, operation).description ?? '').trim(),
    page.overview(),
    page.parameters(),
    page.requestBody(),
    page.responses(),
    page.responseHeaders(),
    page.samples(),
    page.related(),
  ]
    .filter((block) => block !== '')
    .join('\n\n')
    .concat('\n');
}

/** A one-line note for an index: the method and path, then the description's first sentence. */
export function operationNote(operation: ContractOperation, doc: DocsDocument): string {
  const description = operationObject(doc, operation).description;
  return `${code(`${operation.method} ${operation.path}`)}: ${firstSentence(description)}`;
}

class OperationPage {
  private readonly doc: DocsDocument;

  constructor(
    private readonly operation: ContractOperation,
    private readonly context: PageContext,
  ) {
    this.doc = context.doc;
  }

  /** A place in this text: the status alone on its own page, with the operation's name in a text of many. */
  private place(within: string | number): string {
    const { summary } = this.operation;
    return this.context.at === operationPagePath(this.operation) ? String(within) : `${summary}, ${within}`;
  }

  private link(to: string): string {
    return relativeHref(this.context.at, to);
  }

  overview(): string {
    const { operation, context } = this;
    const [production, ...others] = [operation.server, ...operation.servers.filter((s) => s !== operation.server)];
    const servers = [production!, ...others].map((server) => `${code(server.url)} (${server.environment})`);
    const credentials = operation.security.map((scheme) => `  - ${credentialLine(scheme, context.contract)}`);
    return [
      `- Method and path: ${code(`${operation.method} ${operation.path}`)}`,
      `- Operation id: ${code(operation.id)} (tag ${operation.tag})${operation.deprecated ? ', **deprecated**' : ''}`,
      `- Server: ${servers.join('; ')}`,
      `- Credential${operation.security.length > 1 ? ', any one of' : ''}:`,
      ...credentials,
      `- In the HTML reference: [${operation.summary}](${this.link(`${REFERENCE_PAGE}#${referenceRoute(operation)}`)}); in the console: [Try it](${this.link(tryItHref(operation))})`,
      `- Every other page, concepts first: [${LLMS_INDEX}](${this.link(LLMS_INDEX)})`,
    ].join('\n');
  }

  parameters(): string {
    const { operation } = this;
    const parameters = (['path', 'query', 'header', 'cookie'] as const).flatMap((where) => operation.parameters[where]);
    if (parameters.length === 0) return '';
    const lines = parameters.map((parameter) => this.parameterLine(parameter));
    return ['## Parameters', lines.join('\n')].join('\n\n');
  }

  /**
   * A parameter: its name, where it goes, its type and every fact its schema
   * states; its description where this text first meets that name with that
   * description (two operations' `thread_id` may be described apart).
   */
  private parameterLine(parameter: ContractParameter): string {
    const { schema } = parameter;
    const facts = [typeName(this.doc, schema), parameter.in, parameter.required ? 'required' : 'optional'];
    facts.push(...schemaFacts(this.doc, schema));
    if (parameter.example !== undefined) facts.push(`example ${code(parameter.example)}`);
    const description = oneLine(parameter.description) || oneLine(schema.description);
    const key = `parameter in ${parameter.in} ${parameter.name}: ${description}`;
    const earlier = description ? this.context.written.firstAt(key, this.place('Parameters')) : undefined;
    const said = earlier ? `described under ${earlier}` : description;
    return `- ${code(parameter.name)} (${facts.join(', ')})${said ? `: ${said}` : ''}`;
  }

  requestBody(): string {
    const body = this.operation.requestBody;
    if (!body) return '';
    const name = requestSchemaName(this.doc, this.operation);
    const intro = [
      `${code('application/json')}, ${body.required ? 'required' : 'optional'}.`,
      name ? `Schema ${code(name)}.` : '',
      oneLine(body.schema.description),
      body.schema.additionalProperties === false ? 'Properties not listed here are refused.' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return [
      '## Request body',
      intro,
      fieldLines(schemaFields(this.doc, body.schema), 'request'),
      body.examples.length > 0
        ? ['### Request examples', this.examples(body.examples, 'Request examples')].join('\n\n')
        : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  }

  responses(): string {
    return ['## Responses', ...this.operation.responses.map((response) => this.response(response))].join('\n\n');
  }

  private response(response: ContractResponse): string {
    const lines = [`### ${response.status}: ${oneLine(response.description)}`];
    lines.push(response.schema ? this.body(response.status, response.schema, response.schemaName) : 'No body.');
    if (response.examples.length > 0) lines.push(this.examples(response.examples, response.status));
    return lines.join('\n\n');
  }

  /** A response body: its schema's fields where the schema is first met in this text. */
  private body(status: number, schema: SchemaObject, name: string | undefined): string {
    const label = name ? code(name) : typeName(this.doc, schema);
    const earlier = name ? this.context.written.firstAt(`schema ${name}`, this.place(status)) : undefined;
    if (earlier) return `Body: ${label}, fields as under ${earlier}.`;
    const intro = `Body: ${label}. ${oneLine(schema.description)}`.trim();
    return [intro, fieldLines(schemaFields(this.doc, schema), 'response')].filter(Boolean).join('\n\n');
  }

  /**
   * Each example under its name, its value as JSON on one line the way the
   * seed pages print it (`{ "id": "thrd_abc123", "is_pinned": true, … }`):
   * two-space JSON with each line break and indent made one space, which
   * JSON keeps out of strings (a line break in a string is written `\n`).
   * An example this text already showed is pointed back to.
   */
  private examples(examples: NamedExample[], within: string | number): string {
    return examples
      .map((example) => {
        const summary = example.summary ? ` (${oneLine(example.summary)})` : '';
        const json = exampleJson(example.value);
        const earlier = this.context.written.firstAt(`example ${example.name} ${json}`, this.place(within));
        const label = `Example ${code(example.name)}${summary}`;
        return earlier ? `${label}: as under ${earlier}.` : `${label}:\n\n${fenced('json', json)}`;
      })
      .join('\n\n');
  }

  /** Each header once, with the statuses that carry it; their descriptions are on the headers page. */
  responseHeaders(): string {
    const { responses } = this.operation;
    const headers = new Map<string, { header: ContractHeader; statuses: number[] }>();
    for (const response of responses) {
      for (const header of response.headers) {
        const entry = headers.get(header.name) ?? { header, statuses: [] };
        entry.statuses.push(response.status);
        headers.set(header.name, entry);
      }
    }
    if (headers.size === 0) return '';
    const lines = [...headers.values()].map(({ header, statuses }) => {
      const sent = statuses.length === responses.length ? 'with every status' : `with ${statuses.join(', ')}`;
      const facts = [typeName(this.doc, header.schema), sent, ...schemaFacts(this.doc, header.schema)];
      return `- ${code(header.name)} (${facts.join(', ')})`;
    });
    const described = `Each is described in [Response headers](${this.link(RESPONSE_HEADERS_PAGE)}).`;
    return ['## Response headers', described, lines.join('\n')].join('\n\n');
  }

  samples(): string {
    const samples = publishedSamples(this.doc, this.operation);
    return [
      '## Code samples',
      'As in the HTML reference; the docs tests run each one.',
      ...samples.map((sample) => `### ${sample.label}\n\n${fenced(SAMPLE_FENCE[sample.lang], sample.source)}`),
    ].join('\n\n');
  }

  related(): string {
    const related = relatedOperations(this.context.contract.operations, this.operation);
    if (related.length === 0) return '';
    const lines = related.map(
      (other) =>
        `- [${other.summary}](${this.link(operationPagePath(other))}): ${code(`${other.method} ${other.path}`)}`,
    );
    return ['## Related operations', lines.join('\n')].join('\n\n');
  }
}

function credentialLine(scheme: CredentialScheme, contract: Contract): string {
  const value = scheme.kind === 'bearer' ? 'Bearer $FREDDY_API_KEY' : '$FREDDY_API_KEY';
  const node = contract.document.components?.securitySchemes?.[scheme.name];
  const description = node ? oneLine(contract.resolve<OpenAPIV3_1.SecuritySchemeObject>(node).description) : '';
  return `${code(`${scheme.header}: ${value}`)} (${code(scheme.name)})${description ? `: ${description}` : ''}`;
}

/** The component schema the request body is, e.g. `UpdateThreadRequest`. */
function requestSchemaName(doc: DocsDocument, operation: ContractOperation): string | undefined {
  const node = operationObject(doc, operation).requestBody;
  return node && !('$ref' in node) ? componentName(node.content['application/json']?.schema, 'schemas') : undefined;
}

/** A field a line; in a response `read-only` says nothing (every field there is read), so it is left out. */
function fieldLines(fields: Field[], direction: 'request' | 'response'): string {
  return fields
    .map((field) => {
      const own = direction === 'response' ? field.facts.filter((fact) => fact !== 'read-only') : field.facts;
      const facts = [field.type, field.required ? 'required' : 'optional', ...own];
      return `- ${code(field.path)} (${facts.join(', ')})${field.description ? `: ${field.description}` : ''}`;
    })
    .join('\n');
}

function exampleJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\n */g, ' ');
}
