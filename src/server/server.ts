import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { GitHub } from '../core/github';
import type { Logger } from '../core/logger';
import { isAppAuth, type ServerConfig } from './config';
import { ClientLog, teeLogger } from './logging';
import { registerPrompts } from './prompts';
import { registerCompletions, registerResources } from './resources';
import { instructionsFor } from './toolsets';
import { definitionOf } from './tools/catalog';
import { selectTools } from './tools/registry';
import { quote } from './tools/grammar';
import { progressFor, runTool } from './tools/run';
import { unchangingResult } from './stdio';

export const SERVER_NAME = 'pygithub-mcp-server';
export const SERVER_VERSION = '0.1.0';

export interface ServerDependencies {
  /** Called at the first tool call, so startup makes no network call and loads no HTTP client. */
  github: () => Promise<GitHub>;
  config: ServerConfig;
  log: Logger;
  /** The client side of the log; main.ts tees the core's log into it. Without one, only the tools' lines reach the client. */
  clientLog?: ClientLog;
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
    { capabilities: { tools: {}, resources: {}, prompts: {}, completions: {}, logging: {} }, instructions: instructionsFor(deps.config.toolsets) },
  );
  const clientLog = deps.clientLog ?? new ClientLog();
  clientLog.attach(server);
  const runtime = deps.clientLog ? deps : { ...deps, log: teeLogger(deps.log, clientLog) };
  const entries = selectTools(deps.config, isAppAuth(deps.config.core));
  const byName = new Map(entries.map((entry) => [entry.tool.name, entry]));
  // Served from the catalog: no tool file is loaded until one of its tools is called.
  const listed = unchangingResult({ tools: entries.map((entry) => entry.tool) });
  server.setRequestHandler(ListToolsRequestSchema, () => listed);
  registerResources(server, runtime);
  registerPrompts(server, new Set(byName.keys()));
  registerCompletions(server, runtime);
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const entry = byName.get(request.params.name);
    // As McpServer does: a tool left out (read-only mode, another toolset) is a result the model can read.
    if (!entry) return { isError: true, content: [{ type: 'text', text: `Unknown tool ${quote(request.params.name)}: this server does not offer it (read-only mode or toolset selection may leave it out); tools/list names the tools it offers.` }] };
    return runTool(definitionOf(entry), request.params.arguments, runtime, extra.signal, progressFor(request.params._meta?.progressToken, extra.sendNotification));
  });
  return server;
}
