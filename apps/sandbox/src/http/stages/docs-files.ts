/**
 * The docs folder's files, served by sirv: each sent as the brotli (`.br`) or
 * gzip (`.gz`) copy the docs build writes beside it when the client accepts
 * that encoding, with `Content-Encoding`, `Vary: Accept-Encoding`, a weak
 * `ETag` (its own for each encoding) and `Cache-Control: no-cache`.
 *
 * The encoding is negotiator's choice (the parser Express uses): `q` values
 * honoured, `q=0` refused, br > gzip > identity among equals. sirv's own test
 * finds `br` in `br;q=0` as well, so sirv is shown only the encoding chosen.
 *
 * `no-cache` for every file, not a max-age: not every file name carries a hash of
 * its content (the console's `client/console.js` keeps its name across builds), so a cached
 * script could outlive the page that loads it; a revalidation costs a 304.
 */
import type { ServerResponse } from 'node:http';
import Negotiator from 'negotiator';
import sirv from 'sirv';
import type { StaticHandler } from './docs.js';
import { markdownFileHeaders } from './docs-markdown.js';

/** In the order the server prefers them when the client's `q` values tie. */
const ENCODINGS = ['br', 'gzip', 'identity'] as const;
/** The build's compressed copies: sent only in place of their file, never asked for by name. */
const COMPRESSED_COPY = /\.(br|gz)$/i;

// negotiator takes `preferred` (the order among equal `q` values) since 1.0; its types do not say so yet.
type ChooseEncoding = (available: readonly string[], options: { preferred: readonly string[] }) => string | undefined;

/** The encoding to send: br, gzip or identity (also when the client accepts none of them). */
export function chooseEncoding(acceptEncoding: string | undefined): (typeof ENCODINGS)[number] {
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } });
  const choose = negotiator.encoding as unknown as ChooseEncoding;
  const chosen = choose.call(negotiator, ENCODINGS, { preferred: ENCODINGS });
  return ENCODINGS.find((encoding) => encoding === chosen) ?? 'identity';
}

/** `Vary` as it was before sirv, which sets `Vary: Accept-Encoding` alone over the `Accept` of `/docs/`. */
const varyBeforeSirv = new WeakMap<ServerResponse, string>();

function addVary(res: ServerResponse, field: string): string {
  const current = res.getHeader('vary');
  const fields = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (!fields.some((name) => name.toLowerCase() === field.toLowerCase())) fields.push(field);
  const vary = fields.join(', ');
  res.setHeader('Vary', vary);
  return vary;
}

/** sirv's `setHeaders`, called on the way to a 200 (or 206) only, after sirv set its `Vary`. */
function fileHeaders(res: ServerResponse, pathname: string): void {
  markdownFileHeaders(res, pathname);
  const vary = varyBeforeSirv.get(res);
  if (vary) res.setHeader('Vary', vary);
  // The If-None-Match set ahead for a 304 (below) did not match: sirv sends the file's own ETag.
  res.removeHeader('ETag');
}

/** The files of `dir`; a folder missing at start is looked up per request (sirv's dev mode), so docs built later still show. */
export function serveDocsFiles(dir: string, options: { lookUpPerRequest: boolean }): StaticHandler {
  const serve = sirv(dir, {
    dev: options.lookUpPerRequest,
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders: fileHeaders,
  });
  return (req, res, next) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    if (COMPRESSED_COPY.test(path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    varyBeforeSirv.set(res, addVary(res, 'Accept-Encoding'));
    // sirv answers 304 only when If-None-Match is exactly the ETag of the file it would send, and
    // without that ETag, which RFC 9110 §15.4.5 asks a 304 to carry: set ahead, it is that value.
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch) res.setHeader('ETag', ifNoneMatch);
    const acceptEncoding = req.headers['accept-encoding'];
    req.headers['accept-encoding'] = chooseEncoding(acceptEncoding);
    try {
      serve(req, res, () => {
        res.removeHeader('ETag');
        next();
      });
    } finally {
      if (acceptEncoding === undefined) delete req.headers['accept-encoding'];
      else req.headers['accept-encoding'] = acceptEncoding;
    }
  };
}
