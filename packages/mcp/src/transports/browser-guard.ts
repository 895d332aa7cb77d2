/**
 * Who may call the HTTP endpoint, against DNS rebinding: a page on another
 * site whose name has been pointed at 127.0.0.1 reaches this server with its
 * own `Host` and `Origin`. The MCP specification asks servers to check
 * `Origin` and answer 403 when it is not allowed; a server bound to loopback
 * also accepts only loopback names in `Host`, as the SDK's own
 * `hostHeaderValidation` does. Requests without an `Origin` (every client
 * that is not a browser) pass the origin check, and so does the server's own
 * origin on loopback (`http://localhost:<its port>`: a page it serves, or the
 * conformance suite's check of it); a rebound name is never its own.
 */

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const LOOPBACK_ADDRESSES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export interface BrowserPolicy {
  /** Browser origins that may call (`--allowed-origins`); none by default. */
  allowedOrigins: ReadonlySet<string>;
  /** Bound to a loopback address: then only loopback names are valid `Host`s. */
  loopback: boolean;
}

/** The policy of a server bound to `host` and listening on `port`. */
export function browserPolicy(host: string, port: number, allowedOrigins: readonly string[]): BrowserPolicy {
  const loopback = isLoopback(host);
  const own = loopback ? [...LOOPBACK_HOSTNAMES].map((name) => `http://${name}:${port}`) : [];
  return { allowedOrigins: new Set([...allowedOrigins, ...own]), loopback };
}

/** Whether an address to bind to is a loopback one. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_ADDRESSES.has(host);
}

/** Why the request is refused (answered 403), or undefined when it may go on. */
export function refusal(headers: { host?: string; origin?: string }, policy: BrowserPolicy): string | undefined {
  if (policy.loopback) {
    let hostname: string | undefined;
    try {
      hostname = headers.host ? new URL(`http://${headers.host}`).hostname : undefined;
    } catch {
      hostname = undefined;
    }
    if (!hostname || !LOOPBACK_HOSTNAMES.has(hostname)) {
      return `Host ${JSON.stringify(headers.host ?? '')} is not this server's: it answers on loopback names only`;
    }
  }
  const { origin } = headers;
  if (origin !== undefined && !policy.allowedOrigins.has(origin)) {
    return `Origin ${JSON.stringify(origin)} may not call this server (allow it with --allowed-origins)`;
  }
  return undefined;
}
