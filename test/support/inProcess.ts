import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { GitHub } from '../../src/core/github';
import { createLogger } from '../../src/core/logger';
import { loadServerConfig } from '../../src/server/config';
import { createServer } from '../../src/server/server';
import type { Simulator } from '../simulator';
import { recordOutput } from './leakLog';
import { listAllTools, toolCaller, type ToolClient } from './serverHarness';

/**
 * The server built by createServer in this process, on an in-memory transport, against the
 * simulator: no spawn and no bundle, for fast tests of tool behaviour. The client still lists
 * the tools first and checks every result against them, and what the server logged and sent
 * goes to the leak check. The seams (stdio, environment, lifecycle) are tested over stdio.
 */
export async function inProcessServer(sim: Simulator, label: string, env: Record<string, string>): Promise<ToolClient> {
  const config = loadServerConfig({ GITHUB_API_URL: sim.apiUrl, GITHUB_SECONDS_BETWEEN_REQUESTS: '0', GITHUB_SECONDS_BETWEEN_WRITES: '0', ...env });
  const logged: string[] = [];
  const log = createLogger((line) => logged.push(line), config.logLevel, 'server');
  let github: Promise<GitHub> | undefined;
  const server = createServer({ github: () => (github ??= Promise.resolve(new GitHub(config.core, { log }))), config, log });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const sent: string[] = [];
  const send = serverSide.send.bind(serverSide);
  serverSide.send = (message: JSONRPCMessage, options) => (sent.push(JSON.stringify(message)), send(message, options));
  await server.connect(serverSide);
  const client = new Client({ name: 'pygithub-mcp-tests', version: '1.0.0' });
  await client.connect(clientSide);
  const tools = await listAllTools(client);
  return {
    client,
    tools,
    ...toolCaller(client, tools, label),
    async close() {
      await client.close();
      await server.close();
      await (await github)?.close();
      recordOutput({ label, secrets: sim.secrets(), stderr: logged.join('\n'), stdout: sent, exposureOptIn: env.GITHUB_EXPOSE_TOKENS === '1' });
    },
  };
}

/** Runs `use` against a fresh in-process server and always closes it. */
export async function withInProcessServer<T>(sim: Simulator, label: string, env: Record<string, string>, use: (server: ToolClient) => Promise<T>): Promise<T> {
  const server = await inProcessServer(sim, label, env);
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}
