import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { GitHub } from '../core/github';
import type { Logger } from '../core/logger';
import { isAppAuth, type ServerConfig } from './config';
import { instructionsFor } from './toolsets';
import { definitionOf } from './tools/catalog';
import { selectTools } from './tools/registry';
import { quote } from './tools/grammar';
import { runTool } from './tools/run';
import { unchangingResult } from './stdio';

export const SERVER_NAME = 'pygithub-mcp-server';
export const SERVER_VERSION = '0.1.0';

export interface ServerDependencies {
  /** Called at the first tool call, so startup makes no network call and loads no HTTP client. */
  github: () => Promise<GitHub>;
  config: ServerConfig;
  log: Logger;
}

/**
 * Builds the MCP server for one identity; pure wiring, so tests can use any transport.
 * The SDK's low-level Server rather than McpServer: tools/call goes through runTool alone,
 * which validates arguments and results itself (McpServer would report an applied write
 * whose answer lacks a field as "Output validation error").
 */
export function createServer(deps: ServerDependencies): Server {
  const server = new Server(
    { name: SERVER_NAME, version: SERVER_VERSION },
    { capabilities: { tools: {} }, instructions: instructionsFor(deps.config.toolsets) },
  );
  const entries = selectTools(deps.config, isAppAuth(deps.config.core));
  const byName = new Map(entries.map((entry) => [entry.tool.name, entry]));
  // Served from the catalog: no tool file is loaded until one of its tools is called.
  const listed = unchangingResult({ tools: entries.map((entry) => entry.tool) });
  server.setRequestHandler(ListToolsRequestSchema, () => listed);
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const entry = byName.get(request.params.name);
    // As McpServer does: a tool left out (read-only mode, another toolset) is a result the model can read.
    if (!entry) return { isError: true, content: [{ type: 'text', text: `Unknown tool ${quote(request.params.name)}: this server does not offer it (read-only mode or toolset selection may leave it out); tools/list names the tools it offers.` }] };
    return runTool(definitionOf(entry), request.params.arguments, deps, extra.signal);
  });
  return server;
}
