/**
 * The sandbox's own request controls (`Prefer`, `X-Sandbox-Fault` and their
 * query-parameter stand-ins): how their values are read, and how a stand-in
 * is taken out of the query before the contract's parameters are checked.
 */
import type { Exchange } from '../exchange.js';

/**
 * A list of preferences as RFC 7240 writes them, `token[=value]` separated by
 * commas (parameters after `;` ignored, values may be quoted): `code=404,
 * example=ThreadNotFoundSeed` → {code: '404', example: 'ThreadNotFoundSeed'};
 * a bare token maps to ''. The first occurrence of a token wins.
 */
export function parsePreferences(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of text.split(',')) {
    const [pair = ''] = item.split(';', 1);
    const equals = pair.indexOf('=');
    const name = (equals === -1 ? pair : pair.slice(0, equals)).trim().toLowerCase();
    if (!name || out.has(name)) continue;
    const raw = equals === -1 ? '' : pair.slice(equals + 1).trim();
    out.set(name, raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
  }
  return out;
}

/**
 * The value of a sandbox query parameter, removed from the exchange's query
 * so the contract's parameter check never sees it; repeated values are joined
 * with commas. Undefined when absent.
 */
export function takeQueryParameter(exchange: Exchange, name: string): string | undefined {
  // Most requests carry no sandbox parameter: one substring check, no parse.
  if (!exchange.search.includes(name)) return undefined;
  const params = new URLSearchParams(exchange.search);
  const values = params.getAll(name);
  if (values.length === 0) return undefined;
  params.delete(name);
  exchange.search = params.toString();
  return values.join(',');
}
