import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { GitHub } from '../core/github';
import type { Logger } from '../core/logger';
import { isAppAuth, type ServerConfig } from './config';
import type { ToolDefinition } from './tools/defineTool';
import { selectTools } from './tools/registry';
import { runTool } from './tools/run';

export const SERVER_NAME = 'pygithub-mcp-server';
export const SERVER_VERSION = '0.1.0';

export interface ServerDependencies {
  /** Called at the first tool call, so startup makes no network call and loads no HTTP client. */
  github: () => Promise<GitHub>;
  config: ServerConfig;
  log: Logger;
}

/** Builds the MCP server for one identity; pure wiring, so tests can use any transport. */
export function createServer(deps: ServerDependencies): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION },
    { instructions: 'GitHub tools acting as the identity configured for this server. Call auth_status to see who that is.' },
  );
  const tools = selectTools(deps.config, isAppAuth(deps.config.core));
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.input, outputSchema: tool.output, annotations: { title: tool.title, ...tool.annotations } },
      (args: unknown) => runTool(tool, args, deps),
    );
  }
  // The SDK converts every schema to JSON Schema on each tools/list; the list never changes,
  // so it is built once, at the first tools/list rather than at startup.
  let listed: { tools: Tool[] } | undefined;
  server.server.setRequestHandler(ListToolsRequestSchema, () => (listed ??= { tools: tools.map(describeTool) }));
  return server;
}

export function describeTool(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(tool.input, 'input'),
    ...(tool.output ? { outputSchema: jsonSchema(tool.output, 'output') } : {}),
    annotations: { title: tool.title, ...tool.annotations },
  };
}

function jsonSchema(shape: z.ZodRawShape, io: 'input' | 'output'): Tool['inputSchema'] {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(z.object(shape), { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return schema as Tool['inputSchema'];
}
