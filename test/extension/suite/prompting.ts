// Shared by the errors and pickers suites: answering the extension's prompts (ui/prompts.ts)
// and a loopback proxy in front of the simulator that counts what reaches it.
import * as assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Asked, PromptScript } from '../../../src/extension/ui/prompts';
import { fixtures, testingApi } from './helpers';

/** Installs `answers`, one per prompt in order (a function answers from what was asked); returns what was asked. */
export async function scriptPrompts(answers: Array<unknown | ((asked: Asked) => unknown)>): Promise<Asked[]> {
  const testing = await testingApi();
  const asked: Asked[] = [];
  const script: PromptScript = (prompt) => {
    asked.push(prompt);
    // Notifications that nobody answers (success toasts, "Show Log") take no scripted answer.
    if (prompt.kind === 'message' && !prompt.buttons.some((button) => !/Show Log/.test(button))) return undefined;
    const next = answers.shift();
    return typeof next === 'function' ? (next as (asked: Asked) => unknown)(prompt) : next;
  };
  testing.prompts.clear();
  testing.prompts.script(script);
  return asked;
}

export async function stopScripting(): Promise<void> {
  (await testingApi()).prompts.script(undefined);
}

/** The notifications shown since the last scriptPrompts/clear. */
export async function messages(): Promise<Array<{ level: string; text: string; buttons: string[] }>> {
  return (await testingApi()).prompts.shown().flatMap((asked) => (asked.kind === 'message' ? [{ level: asked.level, text: asked.text, buttons: asked.buttons }] : []));
}

export function kinds(asked: Asked[]): string[] {
  return asked.map((prompt) => (prompt.kind === 'message' ? `message:${prompt.level}` : prompt.kind));
}

/** Forwards to the simulator and counts requests, so a test can tell that nothing was sent. */
export async function countingProxy(): Promise<{ apiUrl: string; origin: string; count(): number; close(): Promise<void> }> {
  const target = new URL(fixtures().origin);
  let count = 0;
  const server = http.createServer((request, response) => {
    count++;
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: { ...request.headers, host: target.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const path = new URL(fixtures().apiUrl).pathname.replace(/\/+$/, '');
  assert.ok(path.endsWith('/api/v3') || path === '', `unexpected simulator API path ${path}`);
  return { apiUrl: `${origin}${path}`, origin, count: () => count, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
