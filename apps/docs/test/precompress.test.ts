/**
 * The compressed copies beside the site's files: the built site has a `.br`
 * and a `.gz` for every text file above the threshold, each decompressing to
 * the very bytes of its file, and none else; a build over an older site
 * rewrites every copy and drops those whose file is gone, so no server can
 * send a copy older than its file.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ENTRY, consoleDir } from '../src/console/build.js';
import { siteDir } from '../src/paths.js';
import {
  COMPRESSIBLE_EXTENSIONS,
  isPrecompressedCopy,
  MIN_COMPRESSED_BYTES,
  precompressSite,
  SIBLINGS,
} from '../src/precompress.js';
import { requireBuiltSite } from './support/site.js';

const decompress = { br: brotliDecompressSync, gzip: gunzipSync } as const;
const encodings = Object.keys(SIBLINGS) as (keyof typeof SIBLINGS)[];

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Each copy in `dir` decompresses to its file's bytes; returns the files that have copies. */
function expectFaithfulCopies(dir: string): string[] {
  const files = filesOf(dir);
  const sources = files.filter((path) => !isPrecompressedCopy(path));
  const withCopies: string[] = [];
  for (const path of sources) {
    const copies = encodings.filter((encoding) => files.includes(path + SIBLINGS[encoding]));
    if (copies.length === 0) continue;
    expect(copies, path).toEqual(encodings);
    withCopies.push(path);
    const bytes = readFileSync(join(dir, path));
    for (const encoding of encodings) {
      const copy = readFileSync(join(dir, path + SIBLINGS[encoding]));
      expect(copy.length, `${path}${SIBLINGS[encoding]} smaller than its file`).toBeLessThan(bytes.length);
      expect(decompress[encoding](copy).equals(bytes), `${path}${SIBLINGS[encoding]} decompresses to its file`).toBe(
        true,
      );
    }
  }
  // No copy without its file.
  for (const path of files.filter(isPrecompressedCopy)) expect(sources, path).toContain(path.replace(/\.(br|gz)$/, ''));
  return withCopies;
}

const shouldCompress = (dir: string, path: string) =>
  (COMPRESSIBLE_EXTENSIONS as readonly string[]).includes(extname(path)) &&
  statSync(join(dir, path)).size >= MIN_COMPRESSED_BYTES;

describe('the built site', () => {
  beforeAll(requireBuiltSite);

  it('has a .br and a .gz beside every text file above the threshold, each decompressing to its bytes, and no other', () => {
    const withCopies = expectFaithfulCopies(siteDir);
    const expected = filesOf(siteDir).filter((path) => !isPrecompressedCopy(path) && shouldCompress(siteDir, path));
    expect(withCopies).toEqual(expected);
    // The ones that matter most: the reference page, the console's entry, the Markdown index, the contract.
    const clientEntry = relative(siteDir, join(consoleDir, CLIENT_ENTRY));
    expect(withCopies).toEqual(expect.arrayContaining(['index.html', clientEntry, 'llms.txt', 'openapi.json']));
  });
});

describe('precompressSite', () => {
  const root = mkdtempSync(join(tmpdir(), 'freddy-precompress-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const text = (words: number, seed: string) => Array.from({ length: words }, (_, i) => `${seed} ${i % 97}`).join(' ');

  it('compresses text files above the threshold only', async () => {
    const dir = join(root, 'kinds');
    mkdirSync(join(dir, 'console'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), `<!doctype html><p>${text(2_000, 'page')}</p>`);
    writeFileSync(join(dir, 'console', 'app.js'), `console.log(${JSON.stringify(text(1_000, 'script'))});`);
    writeFileSync(join(dir, 'style.css'), `p { margin: 0 }\n`.repeat(200));
    writeFileSync(join(dir, 'small.md'), '# Small\n');
    writeFileSync(join(dir, 'photo.png'), randomBytes(4_096));

    const result = await precompressSite(dir);
    expect(result.compressed.sort()).toEqual(['console/app.js', 'index.html', 'style.css']);
    expect(expectFaithfulCopies(dir)).toEqual(['console/app.js', 'index.html', 'style.css']);
    expect(result.bytes.br).toBeLessThan(result.bytes.identity);
    expect(result.bytes.gzip).toBeLessThan(result.bytes.identity);
  });

  it('rewrites every copy on each run and drops a copy whose file is gone', async () => {
    const dir = join(root, 'rebuilt');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'llms.txt'), text(1_000, 'before'));
    writeFileSync(join(dir, 'gone.md'), text(1_000, 'gone'));
    await precompressSite(dir);

    // The next build: a file changed, one removed, one shrunk below the threshold.
    writeFileSync(join(dir, 'llms.txt'), text(1_000, 'after'));
    rmSync(join(dir, 'gone.md'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify({ words: text(1_000, 'doc') }));
    await precompressSite(dir);
    writeFileSync(join(dir, 'openapi.json'), '{}');
    await precompressSite(dir);

    expect(expectFaithfulCopies(dir)).toEqual(['llms.txt']);
    expect(brotliDecompressSync(readFileSync(join(dir, 'llms.txt.br'))).toString()).toContain('after');
    for (const stale of ['gone.md.br', 'gone.md.gz', 'openapi.json.br', 'openapi.json.gz'])
      expect(existsSync(join(dir, stale)), stale).toBe(false);
  });
});
