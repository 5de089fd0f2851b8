import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Larger than any call needs (file content is capped at 5 MB), small enough to parse at once. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const KEPT_ENDS = 512;

/**
 * MCP over stdin/stdout, one JSON-RPC message per line. The SDK's StdioServerTransport closes
 * the whole session on a message over its 10 MB buffer, and the process then exits with
 * status 0 and no word. Here a message over the limit is skipped as it streams in (only its
 * two ends are kept, to find its id) and answered with a JSON-RPC error that gives the limit.
 */
export class StdioTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  #chunks: Buffer[] = [];
  #length = 0;
  /** Set while a message over the limit is being skipped. */
  #oversized: { head: Buffer; tail: Buffer; bytes: number } | undefined;
  readonly #onData = (chunk: Buffer) => this.#read(chunk);
  readonly #onError = (error: Error) => this.onerror?.(error);

  constructor(
    private readonly stdin: NodeJS.ReadableStream = process.stdin,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly maxBytes = MAX_MESSAGE_BYTES,
  ) {}

  async start(): Promise<void> {
    this.stdin.on('data', this.#onData);
    this.stdin.on('error', this.#onError);
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.#onData);
    this.stdin.off('error', this.#onError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.#chunks = [];
    this.onclose?.();
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${serialize(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  #read(chunk: Buffer): void {
    let rest = chunk;
    for (let newline = rest.indexOf(0x0a); newline >= 0; newline = rest.indexOf(0x0a)) {
      this.#append(rest.subarray(0, newline));
      this.#endOfLine();
      rest = rest.subarray(newline + 1);
    }
    if (rest.length > 0) this.#append(rest);
  }

  #append(part: Buffer): void {
    if (this.#oversized) {
      this.#oversized.bytes += part.length;
      this.#oversized.tail = Buffer.concat([this.#oversized.tail, part]).subarray(-KEPT_ENDS);
      return;
    }
    this.#chunks.push(part);
    this.#length += part.length;
    if (this.#length > this.maxBytes) {
      const whole = Buffer.concat(this.#chunks);
      this.#oversized = { head: Buffer.from(whole.subarray(0, KEPT_ENDS)), tail: Buffer.from(whole.subarray(-KEPT_ENDS)), bytes: whole.length };
      this.#chunks = [];
      this.#length = 0;
    }
  }

  #endOfLine(): void {
    const oversized = this.#oversized;
    this.#oversized = undefined;
    if (oversized) return this.#refuse(oversized);
    const line = Buffer.concat(this.#chunks).toString('utf8').replace(/\r$/, '');
    this.#chunks = [];
    this.#length = 0;
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = JSONRPCMessageSchema.parse(JSON.parse(line));
    } catch {
      this.onerror?.(new Error('stdin: a line is not a JSON-RPC message; answered with a parse error'));
      void this.send({ jsonrpc: '2.0', id: null as never, error: { code: -32700, message: 'Parse error: each line must be one JSON-RPC 2.0 message' } } as JSONRPCMessage);
      return;
    }
    this.onmessage?.(message);
  }

  #refuse({ head, tail, bytes }: { head: Buffer; tail: Buffer; bytes: number }): void {
    const id = requestId(head.toString('utf8'), tail.toString('utf8'));
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const message = `The message of ${mb(bytes)} is over this server's ${mb(this.maxBytes)} limit and was not read; nothing was done. Send less at once: file content up to 5 MB per create_or_update_file call.`;
    this.onerror?.(new Error(`stdin: ${message}`));
    // A notification has no id and gets no answer; JSON-RPC answers an unreadable request with id null.
    if (id !== undefined || !/"method"\s*:\s*"notifications\//.test(head.toString('utf8'))) {
      void this.send({ jsonrpc: '2.0', id: (id ?? null) as never, error: { code: -32600, message } } as JSONRPCMessage);
    }
  }
}

/** The id of a request from its ends: clients write it first ({"jsonrpc":"2.0","id":7,…}) or last (…,"id":7}). */
function requestId(head: string, tail: string): string | number | undefined {
  const match =
    /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.){0,200}")/.exec(head) ??
    /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.){0,200}")\s*(?:,\s*"jsonrpc"\s*:\s*"2\.0"\s*)?\}\s*$/.exec(tail);
  if (!match) return undefined;
  return match[1].startsWith('"') ? (JSON.parse(match[1]) as string) : Number(match[1]);
}

const unchanging = new WeakSet<object>();
const serialized = new WeakMap<object, string>();

/**
 * Marks a result that is sent again and again and never changes (tools/list: over 100 KB with
 * every toolset), so it is serialised once, at its first send, instead of at every request.
 */
export function unchangingResult<T extends object>(result: T): T {
  unchanging.add(result);
  return result;
}

function serialize(message: JSONRPCMessage): string {
  const result = (message as { result?: unknown }).result;
  if (!result || typeof result !== 'object' || !unchanging.has(result)) return JSON.stringify(message);
  let json = serialized.get(result);
  if (json === undefined) serialized.set(result, (json = JSON.stringify(result)));
  return `{"jsonrpc":"2.0","id":${JSON.stringify((message as { id: unknown }).id)},"result":${json}}`;
}
