/**
 * The console page: Scalar's API client, offline and private, on this
 * folder's openapi.json (as workspace.json: the workspace the build had
 * Scalar's store make of it, ready to load). Served by the reference server, it also gets
 * config.json (the server's base URL and demo key) and sends there; the
 * static build's config.json is empty, so the key is never in a built file.
 * It opens on the operation the hash names (the reference's "Try it" link),
 * or on the document's first one; the header links that operation back to
 * the reference, and follows the reader's choice in the client's sidebar.
 * Every Send of an operation that takes an idempotency key carries a fresh
 * one, unless the reader typed their own.
 *
 * Bundled by esbuild (`../build.ts`) into `client/`: this file and what it
 * needs to open a request load first, the rest when the client asks for it.
 */
import type { ApiClientOptions } from '@scalar/api-client/modal';
import { createApiClientModal } from '@scalar/api-client/modal';
import { createWorkspaceStore } from '@scalar/workspace-store/client';
import { createWorkspaceEventBus } from '@scalar/workspace-store/events';
import { watch } from 'vue';
import {
  FRESH_HEADERS_EXTENSION as FRESH_HEADERS,
  CONSOLE_LINKS_EXTENSION as LINKS,
  WORKSPACE_DOCUMENT as SLUG,
  CONSOLE_START_EXTENSION as START,
} from '../names.js';

interface Links {
  route: string;
  reference: string;
}
interface Operation {
  path: string;
  method: string;
  summary: string;
  links: Links;
  freshHeaders: string[];
}
type PathItems = Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;
interface Document {
  [START]?: string;
  paths?: PathItems;
  servers?: unknown[];
  components?: { securitySchemes?: Record<string, { type?: string; scheme?: string }> };
}
/** What Scalar's workspace store exports, and loads: workspace.json, made by the build (../workspace.ts). */
type Workspace = Parameters<ReturnType<typeof createWorkspaceStore>['loadWorkspace']>[0];
interface ServerConfig {
  baseUrl: string;
  apiKey: string;
}

/** What the reference server says about itself, or null when the page is not served by it. */
async function serverConfig(): Promise<ServerConfig | null> {
  try {
    // No `cache: 'no-store'`: index.html preloads it, and the server already forbids caching it.
    const response = await fetch('config.json');
    const config = (response.ok ? await response.json() : {}) as Partial<ServerConfig>;
    return config.baseUrl && config.apiKey ? { baseUrl: config.baseUrl, apiKey: config.apiKey } : null;
  } catch {
    return null;
  }
}

/** The document's operations in its order, with what this page needs of each. */
function operationsOf(doc: Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const [method, operation] of Object.entries(item ?? {})) {
      const links = operation?.[LINKS] as Links | undefined;
      if (!links) continue;
      const fresh = operation?.[FRESH_HEADERS];
      operations.push({
        path,
        method,
        summary: String(operation?.summary ?? ''),
        links,
        freshHeaders: Array.isArray(fresh) ? fresh.map(String) : [],
      });
    }
  return operations;
}

/** Every request of `doc` goes to the server that served the page. */
function pointAtServer(doc: Document, config: ServerConfig): void {
  doc.servers = [{ url: config.baseUrl, description: 'This reference server' }];
  for (const item of Object.values(doc.paths ?? {})) if (item) delete item.servers;
}

/** The demo key filled in for each of the document's security schemes, the bearer one preferred. */
function demoKeyAuthentication(doc: Document, config: ServerConfig): ApiClientOptions['authentication'] {
  const schemes = Object.entries(doc.components?.securitySchemes ?? {});
  const securitySchemes: Record<string, Record<string, string>> = {};
  for (const [name, scheme] of schemes) {
    if (scheme.type === 'http' && scheme.scheme === 'bearer') securitySchemes[name] = { token: config.apiKey };
    if (scheme.type === 'apiKey') securitySchemes[name] = { value: config.apiKey };
  }
  const bearer = schemes.find(([, scheme]) => scheme.type === 'http');
  return { preferredSecurityScheme: bearer?.[0], securitySchemes } as ApiClientOptions['authentication'];
}

/** A random (version 4) UUID; randomUUID only exists on secure origins (127.0.0.1 is one, a LAN address is not). */
function freshUuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Scalar's body classes for its two modes, following the system's, as the reference does. */
function followColourScheme(): void {
  const dark = matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    document.body.classList.toggle('dark-mode', dark.matches);
    document.body.classList.toggle('light-mode', !dark.matches);
  };
  dark.addEventListener('change', apply);
  apply();
}

/** The operation a route names, if any. */
function named(operations: Operation[], route: string | undefined): Operation | undefined {
  return operations.find((operation) => operation.links.route === route);
}

/** The header's line about the open operation: its name, and its link to the reference. */
function showInHeader(operation: Operation, named: boolean): void {
  const back = document.getElementById('back-to-reference') as HTMLAnchorElement;
  back.href = operation.links.reference;
  back.hidden = false;
  const current = document.getElementById('current-operation')!;
  current.textContent = operation.summary;
  document.getElementById('first-operation-note')!.hidden = named;
}

async function start(): Promise<void> {
  followColourScheme();
  const [config, workspace] = await Promise.all([
    serverConfig(),
    fetch('workspace.json').then((response) => response.json() as Promise<Workspace>),
  ]);
  const doc = workspace.documents[SLUG] as Document;
  const operations = operationsOf(doc);
  const options: ApiClientOptions = {
    // Offline and private: requests go straight to the server, no proxy; the generated samples
    // are in the reference, so the client shows none of its own.
    proxyUrl: undefined,
    hiddenClients: true,
  };
  // The store keeps the document as read and as last saved beside the one shown: all three point at this server.
  if (config) {
    for (const copy of [workspace.originalDocuments[SLUG], workspace.intermediateDocuments[SLUG], doc])
      pointAtServer(copy as Document, config);
    options.authentication = demoKeyAuthentication(doc, config);
  }

  const store = createWorkspaceStore({});
  store.loadWorkspace(workspace);
  const eventBus = createWorkspaceEventBus();
  const modal = createApiClientModal({
    el: document.getElementById('console'),
    workspaceStore: store,
    eventBus,
    options,
    plugins: [
      {
        hooks: {
          // The last hook before a request leaves: the exact fetch Request. An empty (or absent)
          // fresh header gets a new UUID, so a second Send is a second write, not a replay.
          requestBuilt: ({ request, operation }) => {
            const fresh = (operation as Record<string, unknown>)[FRESH_HEADERS];
            if (!Array.isArray(fresh)) return;
            for (const name of fresh.map(String))
              if (!request.headers.get(name)?.trim()) request.headers.set(name, freshUuid());
          },
        },
      },
    ],
  });

  const byLocation = (path: string, method: string) =>
    operations.find((operation) => operation.path === path && operation.method === method);
  /** The operation the header shows: the one open in the client. */
  let shown: Operation | undefined;
  /** Opens the operation the hash names, or the document's start when it names none. */
  const open = () => {
    const linked = named(operations, decodeURIComponent(location.hash.slice(1)));
    shown = linked ?? named(operations, doc[START]) ?? operations[0];
    if (!shown) return;
    showInHeader(shown, Boolean(linked));
    modal.open({ path: shown.path, method: shown.method, documentSlug: SLUG });
  };
  open();

  // The client's own sidebar moves to another operation: the header, and the address, follow it.
  const root = modal.app._props as { path?: { value?: string }; method?: { value?: string } } | null;
  watch(
    () => [root?.path?.value, root?.method?.value] as const,
    ([path, method]) => {
      const operation = path && method ? byLocation(path, method) : undefined;
      if (!operation || operation === shown) return;
      shown = operation;
      showInHeader(operation, true);
      history.replaceState(null, '', `#${operation.links.route}`);
    },
  );
  // A hash typed or followed in the page: open what it names.
  addEventListener('hashchange', open);
  // Closed (Escape, its close button): the page offers it again.
  const reopen = document.getElementById('reopen') as HTMLButtonElement;
  reopen.addEventListener('click', () => modal.open());
  watch(
    () => modal.modalState.open,
    (isOpen) => {
      reopen.hidden = isOpen;
    },
    { immediate: true },
  );
}

start();
