// The console page: Scalar's API reference and client, offline and private,
// on this folder's openapi.json. Served by the reference server, it also gets
// config.json (the server's base URL and demo key) and sends there; the
// static build's config.json is empty, so the key is never in a built file.
// Opened at an operation's route (the reference's "Try it" link), it opens
// that operation's request. Every Send of an operation that takes an
// idempotency key carries a fresh one, unless the reader typed their own.
// A module, run after Scalar's entry module has set window.Scalar.
/* global Scalar */

/** On an operation: the headers to fill with a fresh UUID (FRESH_HEADERS_EXTENSION in ../document.ts). */
const FRESH_HEADERS = 'x-freddy-fresh-headers';

/** What the reference server says about itself, or null when the page is not served by it. */
async function serverConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    const config = response.ok ? await response.json() : {};
    return config.baseUrl && config.apiKey ? config : null;
  } catch {
    return null;
  }
}

/** Every request goes to the server that served the page, with its demo key filled in. */
function pointAtServer(doc, config) {
  doc.servers = [{ url: config.baseUrl, description: 'This reference server' }];
  for (const pathItem of Object.values(doc.paths ?? {})) delete pathItem.servers;
  const schemes = Object.entries(doc.components?.securitySchemes ?? {});
  const securitySchemes = {};
  for (const [name, scheme] of schemes) {
    if (scheme.type === 'http' && scheme.scheme === 'bearer') securitySchemes[name] = { token: config.apiKey };
    if (scheme.type === 'apiKey') securitySchemes[name] = { value: config.apiKey };
  }
  const bearer = schemes.find(([, scheme]) => scheme.type === 'http');
  return { preferredSecurityScheme: bearer?.[0], securitySchemes };
}

/** A random (version 4) UUID; randomUUID only exists on secure origins, getRandomValues everywhere. */
function freshUuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The document's operations marked for fresh headers: their method, a pattern of their path, and the headers. */
function freshHeaderRoutes(doc) {
  const routes = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const [method, operation] of Object.entries(item ?? {})) {
      const headers = operation?.[FRESH_HEADERS];
      if (!Array.isArray(headers)) continue;
      const literal = path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      routes.push({ method: method.toUpperCase(), path: new RegExp(`${literal.join('[^/]+')}$`), headers });
    }
  return routes;
}

/**
 * Scalar's last hook before a request leaves: the exact fetch Request. An
 * empty (or absent) idempotency header gets a fresh UUID, so a second Send is
 * a second write, not a replay of the first.
 */
function fillFreshHeaders(routes) {
  return ({ request }) => {
    const { pathname } = new URL(request.url);
    for (const route of routes) {
      if (route.method !== request.method || !route.path.test(pathname)) continue;
      for (const name of route.headers) if (!request.headers.get(name)?.trim()) request.headers.set(name, freshUuid());
    }
  };
}

/** Opens the request of the operation the URL names, once Scalar has rendered it. */
function openLinkedRequest(route) {
  const started = performance.now();
  const tryOpen = () => {
    const button = document.querySelector(`section[id$="/${CSS.escape(route)}"] .show-api-client-button`);
    if (button) button.click();
    else if (performance.now() - started < 15_000) requestAnimationFrame(tryOpen);
  };
  requestAnimationFrame(tryOpen);
}

async function start() {
  const [config, doc] = await Promise.all([serverConfig(), fetch('openapi.json').then((response) => response.json())]);
  const configuration = {
    content: doc,
    // Offline and private: requests go straight to the server (no proxy), no
    // web fonts, no telemetry, no AI agent or MCP, none of Scalar's hosted
    // services (client download, developer tools, document download).
    proxyUrl: undefined,
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    hideClientButton: true,
    showDeveloperTools: 'never',
    documentDownloadType: 'none',
    hideModels: true,
    defaultOpenAllTags: true,
    // The generated samples only, as in the reference.
    hiddenClients: true,
    generateTagSlug: (tag) => tag.name.toLowerCase(),
    generateOperationSlug: (operation) => operation.operationId.toLowerCase(),
    onRequestBuilt: fillFreshHeaders(freshHeaderRoutes(doc)),
  };
  if (config) configuration.authentication = pointAtServer(doc, config);
  const route = decodeURIComponent(location.hash.slice(1));
  Scalar.createApiReference('#console', configuration);
  if (/^tag\/[^/]+\/[^/]+$/.test(route)) openLinkedRequest(route);
}

start();
