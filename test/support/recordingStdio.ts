import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { deserializeMessage, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * A client stdio transport that keeps every raw stdout line and all of stderr, so tests
 * can prove that stdout carries only JSON-RPC and that no secret reaches either stream.
 * (The SDK's StdioClientTransport parses stdout and drops what it cannot read.)
 */
export class RecordingStdioTransport implements Transport {
  readonly stdoutLines: string[] = [];
  readonly nonJsonLines: string[] = [];
  stderr = '';
  child?: ChildProcessWithoutNullStreams;
  exitCode: Promise<number | null>;
  #resolveExit!: (code: number | null) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Sees each stdout line before it is parsed (the benchmark times raw round trips with it). */
  onRawLine?: (line: string) => void;

  constructor(private readonly command: string, private readonly args: string[], private readonly env: NodeJS.ProcessEnv) {
    this.exitCode = new Promise((resolve) => (this.#resolveExit = resolve));
  }

  async start(): Promise<void> {
    const child = spawn(this.command, this.args, { env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.stdoutLines.push(line);
      this.onRawLine?.(line);
      let message: JSONRPCMessage;
      try {
        message = deserializeMessage(line);
      } catch (error) {
        this.nonJsonLines.push(line);
        this.onerror?.(error as Error);
        return;
      }
      this.onmessage?.(message);
    });
    child.on('exit', (code) => {
      this.#resolveExit(code);
      this.onclose?.();
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.child?.stdin.write(serializeMessage(message));
  }

  /** Closes stdin, as an MCP client does, and waits for the server to exit by itself. */
  async close(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.stdin.end();
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 5000);
    await this.exitCode;
    clearTimeout(timer);
  }
}
