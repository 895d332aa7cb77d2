/**
 * `@freddy/mcp`: the Freddy Threads API as MCP tools, generated from its
 * contract, every call made through `@freddy/client`. The `freddy-mcp` bin
 * runs it over stdio or Streamable HTTP; this module is for embedding it.
 */
export { createFreddyMcpServer, type FreddyMcpServerOptions } from './server.js';
export { selectTools, type ToolSelection, ToolSelectionError, toolDefinitions } from './tools/catalog.js';
export type {
  ArgumentLocation,
  JsonSchema,
  ObjectSchema,
  ToolAnnotations,
  ToolDefinition,
} from './tools/definition.js';
export { WriteKeyMemory, type WriteKeys } from './tools/write-keys.js';
export { type HttpOptions, type RunningHttp, startHttp } from './transports/http.js';
