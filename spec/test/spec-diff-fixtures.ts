/**
 * The fixture suite of `spec-diff.test.ts`: single changes to a copy of the
 * contract, each with the verdict the gate must give. A case edits the
 * hand-authored YAML files of a spec folder, as a pull request would.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, stringifyYaml } from '@redocly/openapi-core';
import type { Bump } from '../src/diff/redocly-diff.js';

// biome-ignore lint/suspicious/noExplicitAny: fixtures edit free-form YAML
type Yaml = any;

export function editYaml(specDir: string, file: string, edit: (doc: Yaml) => void): void {
  const path = join(specDir, file);
  const doc = parseYaml(readFileSync(path, 'utf8')) as Yaml;
  edit(doc);
  writeFileSync(path, stringifyYaml(doc));
}

const THREAD = 'components/schemas/Thread.yaml';
const CREATE = 'components/schemas/CreateThreadRequest.yaml';

const removeMessageCount = (dir: string) =>
  editYaml(dir, THREAD, (thread) => {
    delete thread.properties.messageCount;
    thread.required = thread.required.filter((name: string) => name !== 'messageCount');
  });
const majorVersion = (dir: string) =>
  editYaml(dir, 'openapi.yaml', (doc) => {
    doc.info.version = '2.0.0';
  });
const narrowRole = (dir: string) =>
  editYaml(dir, 'components/schemas/MessageInput.yaml', (schema) => {
    schema.properties.role.enum = ['user', 'assistant'];
  });
const projectId = { type: 'string', description: 'The project the thread belongs to.', examples: ['proj_1'] };

export type Base = 'main' | 'deprecated' | 'deprecated-later';

/** "Today" for every case; the sunsets of the deprecated bases fall either side of it. */
export const NOW = new Date('2026-12-01T00:00:00Z');
export const SUNSETS: Record<Exclude<Base, 'main'>, string> = {
  deprecated: '2026-06-30',
  'deprecated-later': '2027-06-30',
};

export function deprecateMessageCount(specDir: string, sunset: string): void {
  editYaml(specDir, THREAD, (thread) => {
    thread.properties.messageCount.deprecated = true;
    thread.properties.messageCount['x-sunset'] = sunset;
  });
}

export interface FixtureCase {
  name: string;
  /**
   * The branch of the fixture repository the case is judged against: `main`
   * (the contract as it is), or one where `Thread.messageCount` is deprecated
   * with a sunset that has come (`deprecated`) or not (`deprecated-later`).
   */
  base?: Base;
  change: (specDir: string) => void;
  /** Changesets the branch adds: file name → front matter releases. */
  changesets?: Record<string, Record<string, string>>;
  expect: {
    ok: boolean;
    level: Bump;
    /** Redocly rule ids that must be among the verdicts. */
    rules?: string[];
    /** House-rule findings that must be errors. */
    errors?: string[];
  };
}

const both = (level: string) => ({ '@freddy/types': level, '@freddy/client': level });

export const FIXTURE_CASES: FixtureCase[] = [
  {
    name: 'remove a response property',
    change: removeMessageCount,
    expect: {
      ok: false,
      level: 'major',
      rules: ['property-removed'],
      errors: ['major-version', 'changeset-level', 'removal-sunset'],
    },
  },
  {
    name: 'remove an operation',
    change: (dir) =>
      editYaml(dir, 'paths/threads_{thread_id}.yaml', (item) => {
        delete item.delete;
      }),
    expect: { ok: false, level: 'major', rules: ['operation-removed'], errors: ['removal-sunset'] },
  },
  {
    // Stated once for every response, so the gate must see the one edit on every response.
    name: 'stop documenting a header every response carries',
    change: (dir) =>
      editYaml(dir, 'openapi.yaml', (doc) => {
        doc['x-response-headers'] = doc['x-response-headers'].filter(
          (header: Yaml) => header.name !== 'X-RateLimit-Reset',
        );
      }),
    expect: { ok: false, level: 'major', rules: ['response-header-removed'], errors: ['major-version'] },
  },
  {
    name: 'make an optional parameter required',
    change: (dir) =>
      editYaml(dir, 'components/parameters/Limit.yaml', (parameter) => {
        parameter.required = true;
      }),
    expect: { ok: false, level: 'major', rules: ['parameter-became-required'], errors: ['major-version'] },
  },
  {
    name: 'add a required request property',
    change: (dir) =>
      editYaml(dir, CREATE, (schema) => {
        schema.properties.projectId = projectId;
        schema.required = ['projectId'];
      }),
    expect: { ok: false, level: 'major', rules: ['required-properties-added'], errors: ['major-version'] },
  },
  {
    name: 'narrow a request enum',
    change: narrowRole,
    expect: { ok: false, level: 'major', rules: ['enum-values-removed'], errors: ['major-version'] },
  },
  {
    name: 'change a property type',
    change: (dir) =>
      editYaml(dir, THREAD, (thread) => {
        thread.properties.messageCount = { ...thread.properties.messageCount, type: 'string', examples: ['5'] };
        delete thread.properties.messageCount.format;
        delete thread.properties.messageCount.minimum;
        delete thread.properties.messageCount.maximum;
      }),
    expect: { ok: false, level: 'major', rules: ['schema-type-changed'], errors: ['major-version'] },
  },
  {
    name: "change an operation's path",
    change: (dir) =>
      editYaml(dir, 'openapi.yaml', (doc) => {
        doc.paths['/threads/{thread_id}/pins'] = doc.paths['/threads/{thread_id}/pin'];
        delete doc.paths['/threads/{thread_id}/pin'];
      }),
    expect: { ok: false, level: 'major', rules: ['path-removed'], errors: ['removal-sunset'] },
  },
  {
    name: 'add an optional request property',
    change: (dir) =>
      editYaml(dir, CREATE, (schema) => {
        schema.properties.projectId = projectId;
      }),
    expect: { ok: true, level: 'minor' },
  },
  {
    name: 'add a response property',
    change: (dir) =>
      editYaml(dir, THREAD, (thread) => {
        thread.properties.archived = {
          type: 'boolean',
          description: 'Whether the thread is archived.',
          readOnly: true,
          examples: [false],
        };
      }),
    expect: { ok: true, level: 'minor' },
  },
  {
    name: 'add a new operation',
    change: (dir) => {
      const pin = readFileSync(join(dir, 'paths/threads_{thread_id}_pin.yaml'), 'utf8');
      writeFileSync(
        // A name no real contract takes, so the case holds however the contract grows.
        join(dir, 'paths/threads_{thread_id}_zz-fixture-probe.yaml'),
        pin
          .replace('operationId: pinThread', 'operationId: zzFixtureProbeThread')
          .replace('summary: Pin thread', 'summary: Zz fixture probe'),
      );
      editYaml(dir, 'openapi.yaml', (doc) => {
        doc.paths['/threads/{thread_id}/zz-fixture-probe'] = {
          $ref: 'paths/threads_{thread_id}_zz-fixture-probe.yaml',
        };
      });
    },
    expect: { ok: true, level: 'minor' },
  },
  {
    // House decision: breaking. The generated types make `status` a closed
    // union, so a consumer's exhaustive switch stops compiling, and code that
    // handles only the documented values meets one it has never seen.
    name: 'add an enum value to a response',
    change: (dir) =>
      editYaml(dir, THREAD, (thread) => {
        thread.properties.status.enum.push('archived');
      }),
    expect: { ok: false, level: 'major', rules: ['enum-values-added'], errors: ['major-version'] },
  },
  {
    name: 'add an enum value to a request parameter',
    change: (dir) =>
      editYaml(dir, 'components/parameters/Order.yaml', (parameter) => {
        parameter.schema.enum.push('rand');
      }),
    // Widening what a request accepts breaks nobody; Redocly rates it patch.
    expect: { ok: true, level: 'patch' },
  },
  {
    name: 'breaking, with a major version and major changesets',
    change: (dir) => {
      narrowRole(dir);
      majorVersion(dir);
    },
    changesets: { 'narrow-role.md': both('major') },
    expect: { ok: true, level: 'major', rules: ['enum-values-removed'] },
  },
  {
    name: 'breaking, with a major version but a patch changeset',
    change: (dir) => {
      narrowRole(dir);
      majorVersion(dir);
    },
    changesets: { 'narrow-role.md': both('patch') },
    expect: { ok: false, level: 'major', errors: ['changeset-level'] },
  },
  {
    name: 'breaking, with major changesets but no major version',
    change: narrowRole,
    changesets: { 'narrow-role.md': both('major') },
    expect: { ok: false, level: 'major', errors: ['major-version'] },
  },
  {
    name: 'non-breaking, with a minor changeset',
    change: (dir) =>
      editYaml(dir, CREATE, (schema) => {
        schema.properties.projectId = projectId;
      }),
    changesets: { 'project-id.md': both('minor') },
    expect: { ok: true, level: 'minor' },
  },
  {
    name: 'remove a property deprecated with a past sunset (major version, changesets)',
    base: 'deprecated',
    change: (dir) => {
      removeMessageCount(dir);
      majorVersion(dir);
    },
    changesets: { 'drop-message-count.md': both('major') },
    expect: { ok: true, level: 'major', rules: ['property-removed'] },
  },
  {
    name: 'remove a property whose sunset is still to come',
    base: 'deprecated-later',
    change: (dir) => {
      removeMessageCount(dir);
      majorVersion(dir);
    },
    changesets: { 'drop-message-count.md': both('major') },
    expect: { ok: false, level: 'major', errors: ['removal-sunset'] },
  },
  {
    name: 'no change',
    change: () => {},
    expect: { ok: true, level: 'none' },
  },
];
