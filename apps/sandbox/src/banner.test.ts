import { describe, expect, it } from 'vitest';
import { type BannerInput, banner } from './banner.js';

const base: BannerInput = {
  url: 'http://127.0.0.1:4010/v1',
  demo: { apiKey: 'ak_demo', organizationId: 'org_1', userId: 'uid_1' },
  settings: { storage: undefined },
  tryPath: '/things',
  exampleServed: [],
};

describe('banner', () => {
  it('says where the sandbox is, the demo key and a curl command', () => {
    expect(banner(base)).toBe(
      [
        '',
        'Freddy Threads API sandbox listening on http://127.0.0.1:4010/v1',
        '',
        '  Demo API key:  ak_demo',
        '  Organization:  org_1   User: uid_1',
        '  Storage:       in memory',
        '',
        'Try it:',
        '  curl -s -H "Authorization: Bearer ak_demo" http://127.0.0.1:4010/v1/things',
        '',
        '',
      ].join('\n'),
    );
  });

  it('names the operations served from their examples on one line, and has no such line when there are none', () => {
    const text = banner({ ...base, exampleServed: ['zzFixtureProbe', 'zzFixtureProbeRead'] });
    const lines = text.split('\n').filter((line) => line.includes('zzFixtureProbe'));
    expect(lines).toEqual([
      '  Examples only: zzFixtureProbe, zzFixtureProbeRead (no handler yet: each answers its documented example, marked X-Sandbox-Example)',
    ]);
    expect(banner(base)).not.toContain('Examples only');
  });

  it('adds the docs, storage folder, seed and chaos run when they are set', () => {
    const text = banner({
      ...base,
      settings: { storage: '/data', seedFile: '/seed.json', faultRate: '5%' },
      docs: { path: '/site', built: true, console: true, llms: true },
      faultSeed: 42,
    });
    expect(text).toContain(
      '\n  Docs:          http://127.0.0.1:4010/docs/\n' +
        '  Console:       http://127.0.0.1:4010/docs/console/   (try every operation in the browser)\n' +
        '  For agents:    http://127.0.0.1:4010/docs/llms.txt\n' +
        '  Storage:       /data\n',
    );
    expect(text).toContain('\n  Seed:          /seed.json\n');
    expect(text).toContain('\n  Faults:        5% of requests (repeat with --fault-seed 42)\n');
    const unbuilt = banner({ ...base, docs: { path: '/site', built: false, console: false, llms: false } });
    expect(unbuilt).not.toContain('Console');
    expect(unbuilt).toContain('  Docs:          not built yet (/site); http://127.0.0.1:4010/docs/ once it is');
  });

  it('prints the MCP server’s entry indented, or why there is none', () => {
    const json = JSON.stringify({ mcpServers: { freddy: {} } }, null, 2);
    const ok = banner({ ...base, mcp: { bin: '/mcp/bin.js', config: { ok: true, json } } });
    expect(ok).toContain(
      `An agent host reaches it through MCP with this (its mcpServers setting):\n${json.replace(/^/gm, '  ')}\n\n`,
    );
    const failed = banner({ ...base, mcp: { bin: '/mcp/bin.js', config: { ok: false, reason: 'not built' } } });
    expect(failed.endsWith('MCP: no host configuration from /mcp/bin.js (not built); `pnpm build` builds it\n\n')).toBe(
      true,
    );
  });
});
