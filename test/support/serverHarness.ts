import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { CallToolResultSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { ConformanceError, FAILING_VERDICTS, recordConformance, ResultChecker } from './conformance';
import { recordOutput } from './leakLog';
import { RecordingStdioTransport } from './recordingStdio';

// PYGITHUB_SERVER_JS points the suite at another build, e.g. one made outside dist/ while dist/ is rebuilt.
export const SERVER_JS = process.env.PYGITHUB_SERVER_JS ?? resolve(__dirname, '../../dist/server.js');

export interface StartOptions {
  /** Only these variables reach the server (plus PATH and a scratch HOME), never the developer's own GITHUB_*. */
  env: Record<string, string>;
  args?: string[];
  label: string;
  /** Secrets to look for in everything the server says (the simulator's `secrets()`), read at close. */
  secrets?: () => string[];
}

export interface ServerHandle {
  client: Client;
  transport: RecordingStdioTransport;
  /** What tools/list advertised when the harness connected (as a real client, it lists before calling). */
  tools: Tool[];
  /**
   * Calls a tool and checks the result as MCP clients do: structuredContent must validate against the
   * advertised outputSchema (ajv 2020-12, strict, formats), and a tool with an outputSchema must return
   * structuredContent unless the result is an error. A result that does not conform rejects with a
   * ConformanceError naming the tool and the ajv errors. Every verdict goes to the suite's conformance log.
   */
  call(name: string, args?: Record<string, unknown>, options?: RequestOptions): Promise<CallToolResult>;
  /** Calls a tool and returns its structuredContent, failing with the result text if it was an error. */
  data<T = Record<string, unknown>>(name: string, args?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** Pacing is PyGithub's default in production; tests turn it off unless they measure it. */
const TEST_DEFAULTS = { GITHUB_SECONDS_BETWEEN_REQUESTS: '0', GITHUB_SECONDS_BETWEEN_WRITES: '0' };

export async function startServer(options: StartOptions): Promise<ServerHandle> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'pygithub-home-')), ...TEST_DEFAULTS, ...options.env };
  const transport = new RecordingStdioTransport(process.execPath, [SERVER_JS, ...(options.args ?? [])], env);
  const client = new Client({ name: 'pygithub-mcp-tests', version: '1.0.0' });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.close().catch(() => {});
    await transport.close();
    recordOutput({
      label: options.label,
      secrets: options.secrets?.() ?? [],
      stderr: transport.stderr,
      stdout: transport.stdoutLines,
      exposureOptIn: env.GITHUB_EXPOSE_TOKENS === '1',
    });
  };

  let tools: Tool[];
  try {
    await client.connect(transport);
    tools = await listAllTools(client);
  } catch (error) {
    await close();
    throw new Error(`${options.label}: the server did not connect and list its tools: ${(error as Error).message}\nstderr: ${transport.stderr.slice(-2000)}`);
  }
  return { client, transport, tools, ...toolCaller(client, tools, options.label), close };
}

/** What a test drives, whichever transport is underneath. */
export type ToolClient = Omit<ServerHandle, 'transport'>;

/** call and data for a connected client, checking every result against the tools it listed (see ServerHandle). */
export function toolCaller(client: Client, tools: Tool[], label: string): Pick<ServerHandle, 'call' | 'data'> {
  const checker = new ResultChecker(tools);
  const call = async (name: string, args: Record<string, unknown> = {}, requestOptions?: RequestOptions) => {
    // client.request, not client.callTool: the SDK's own check would throw before this one can name the
    // tool and the ajv errors. (The SDK Client validates too, for tests that use server.client directly.)
    const result = (await client.request({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema, requestOptions)) as CallToolResult;
    const record = checker.check(label, name, result);
    recordConformance(record);
    if (FAILING_VERDICTS.has(record.verdict)) throw new ConformanceError(record, result);
    return result;
  };
  return {
    call,
    async data<T>(name: string, args: Record<string, unknown> = {}) {
      const result = await call(name, args);
      if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
      return result.structuredContent as T;
    },
  };
}

/** tools/list with its pagination, through the SDK Client (which caches the output validators, as in production). */
export async function listAllTools(client: Client): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return tools;
}

export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
}
