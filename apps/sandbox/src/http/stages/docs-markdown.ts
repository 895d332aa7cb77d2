/**
 * The docs' Markdown for agents: `.md` and `.txt` files (the pages, `llms.txt`,
 * `llms-full.txt`) answered as `text/markdown; charset=utf-8`, and `/docs/`
 * itself answering the Markdown index, `llms.txt`, to a client whose
 * `Accept` prefers `text/markdown` to HTML (negotiated by `negotiator`, the
 * parser Express uses). Both answers of `/docs/` carry `Vary: Accept`, so a
 * cache keeps them apart.
 */
import type { ServerResponse } from 'node:http';
import Negotiator from 'negotiator';
import type { StaticHandler } from './docs.js';

const MARKDOWN_CONTENT_TYPE = 'text/markdown; charset=utf-8';
/** The Markdown index beside `index.html`, from the docs folder's root. */
const MARKDOWN_INDEX = '/llms.txt';
// The page's own type first: a client with no preference (`*/*`, or no Accept) gets the HTML.
const INDEX_TYPES = ['text/html', 'text/markdown'];

/** sirv's `setHeaders`: the type of the files it serves whose type mrmime gives without a charset. */
export function markdownFileHeaders(res: ServerResponse, pathname: string): void {
  if (/\.(md|txt)$/i.test(pathname)) res.setHeader('Content-Type', MARKDOWN_CONTENT_TYPE);
}

/** The docs handler, answering `/docs/` by the request's `Accept`; `undefined` when no docs are served. */
export function withMarkdownIndex(docs: StaticHandler | undefined): StaticHandler | undefined {
  if (!docs) return undefined;
  return (req, res, next) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.setHeader('Vary', 'Accept');
      if (new Negotiator(req).mediaType(INDEX_TYPES) === 'text/markdown') {
        req.url = `${MARKDOWN_INDEX}${queryAt === -1 ? '' : url.slice(queryAt)}`;
      }
    }
    docs(req, res, next);
  };
}
