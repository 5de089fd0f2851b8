import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
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
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
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
  await client.connect(transport);
  let closed = false;
  const call = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult;
  return {
    client,
    transport,
    call,
    async data<T>(name: string, args: Record<string, unknown> = {}) {
      const result = await call(name, args);
      if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
      return result.structuredContent as T;
    },
    async close() {
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
    },
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
}
