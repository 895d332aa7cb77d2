/**
 * The reference's served markup (build-docs' server render, shown before
 * Redoc's bundle runs) already lists every operation in the sidebar, linked
 * by hash route as the browser's router links it; the build refuses a page
 * whose markup does not; the docs document carries no reviewer-only
 * extension.
 */
import { readFileSync } from 'node:fs';
import { describeContract, loadSpec } from '@freddy/spec';
import { describe, expect, it } from 'vitest';
import { requirePrerenderedSidebar } from '../src/build.js';
import { REVIEWER_EXTENSIONS, withoutReviewerExtensions } from '../src/build-spec.js';
import { referenceRoute } from '../src/console/links.js';
import { hashRoutedLinks, renderedMarkup } from '../src/expand-sidebar.js';
import { docsSpecPath } from '../src/paths.js';
import { requireBuiltSite, siteIndex } from './support/site.js';

const routes = () => describeContract(loadSpec(docsSpecPath)).operations.map(referenceRoute);
const page = (markup: string) => `<html><body><div id="redoc">${markup}</div><script type="module">bundle</script>`;

describe('the prerendered sidebar', () => {
  it("lists every operation of the contract in the built page's served markup, by hash route", () => {
    requireBuiltSite();
    const markup = renderedMarkup(readFileSync(siteIndex, 'utf8'));
    for (const route of routes()) expect(markup.includes(`href="#${route}"`), route).toBe(true);
    // No link in the served markup leaves the page for a path of the site's origin.
    expect(/\shref="\/(?!\/)/.test(markup)).toBe(false);
  });

  it('refuses a page whose served sidebar misses an operation, naming it', () => {
    const [first, ...others] = routes();
    const folded = page(others.map((route) => `<a href="#${route}">x</a>`).join(''));
    expect(() => requirePrerenderedSidebar(folded, [first!, ...others])).toThrow(first!);
    expect(() => requirePrerenderedSidebar(page(`<a href="${first}">x</a>`), [first!])).toThrow(
      /server-rendered sidebar/,
    );
  });

  it("rewrites the server render's path links to hash routes, and nothing outside it", () => {
    const html = `<link href="/x.css"><div id="redoc"><a href="/threads/pinthread">a</a><a href="//cdn.example/x">b</a><a href="https://example.com/">c</a></div><script type="module">"href=\\"/y\\""</script>`;
    expect(hashRoutedLinks(html)).toBe(
      `<link href="/x.css"><div id="redoc"><a href="#/threads/pinthread">a</a><a href="//cdn.example/x">b</a><a href="https://example.com/">c</a></div><script type="module">"href=\\"/y\\""</script>`,
    );
    expect(() => hashRoutedLinks('<html></html>')).toThrow(/render the page into <div id="redoc">/);
  });
});

describe('the docs document', () => {
  it('has no reviewer-only extension, at any depth', () => {
    requireBuiltSite();
    const built = readFileSync(docsSpecPath, 'utf8');
    for (const extension of REVIEWER_EXTENSIONS) expect(built.includes(`"${extension}"`), extension).toBe(false);
  });

  it('drops them from objects and arrays alike, and leaves everything else', () => {
    const source = {
      info: { title: 'T', 'x-source': { page: 'p' } },
      tags: [{ name: 'a', 'x-source': { house: 'h' }, 'x-displayName': 'A' }],
    };
    expect(withoutReviewerExtensions(source)).toEqual({
      info: { title: 'T' },
      tags: [{ name: 'a', 'x-displayName': 'A' }],
    });
  });
});
