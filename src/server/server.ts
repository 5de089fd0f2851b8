import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { GitHub } from '../core/github';
import type { Logger } from '../core/logger';
import { isAppAuth, type ServerConfig } from './config';
import { instructionsFor } from './toolsets';
import type { ToolDefinition } from './tools/defineTool';
import { selectTools } from './tools/registry';
import { quote } from './tools/grammar';
import { outputSchemaOf } from './tools/result';
import { runTool } from './tools/run';

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
  const tools = selectTools(deps.config, isAppAuth(deps.config.core));
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  // The list never changes, so it is built once, at the first tools/list rather than at startup.
  let listed: { tools: Tool[] } | undefined;
  server.setRequestHandler(ListToolsRequestSchema, () => (listed ??= { tools: tools.map(describeTool) }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const tool = byName.get(request.params.name);
    // As McpServer does: a tool left out (read-only mode, another toolset) is a result the model can read.
    if (!tool) return { isError: true, content: [{ type: 'text', text: `Unknown tool ${quote(request.params.name)}: this server does not offer it (read-only mode or toolset selection may leave it out); tools/list names the tools it offers.` }] };
    return runTool(tool, request.params.arguments, deps, extra.signal);
  });
  return server;
}

export function describeTool(tool: ToolDefinition): Tool {
  const output = outputSchemaOf(tool);
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(z.object(tool.input), 'input'),
    ...(output ? { outputSchema: jsonSchema(output, 'output') } : {}),
    annotations: { title: tool.title, ...tool.annotations },
  };
}

function jsonSchema(schema: z.ZodObject, io: 'input' | 'output'): Tool['inputSchema'] {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return strictTypes(json) as Tool['inputSchema'];
}

/**
 * zod writes a union of primitives as `type: ["string", "number"]`, which strict JSON Schema
 * validators (ajv's strictTypes) refuse; `anyOf` says the same in a form every client compiles.
 * A nullable `["string", "null"]` is left as it is: strict mode allows it.
 */
function strictTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictTypes);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, strictTypes(value)])) as Record<string, unknown>;
  const types = out.type;
  if (Array.isArray(types) && types.filter((t) => t !== 'null').length > 1) {
    delete out.type;
    out.anyOf = types.map((type) => ({ type }));
  }
  return out;
}
