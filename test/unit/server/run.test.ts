import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { GitHubError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/logger';
import { Secret } from '../../../src/core/secret';
import { defineTool, type ToolContext } from '../../../src/server/tools/defineTool';
import { runTool } from '../../../src/server/tools/run';

const token = `ghs_${'A1b2'.repeat(9)}`;
const ctx = (exposeTokens: boolean) => ({ github: async () => ({}) as ToolContext['github'], config: { exposeTokens } as ToolContext['config'], log: silentLogger });
const tool = (handler: () => Promise<{ data?: Record<string, unknown>; text?: string; exposedSecrets?: string[] }>) =>
  defineTool({ name: 't', toolset: 'context', title: 'T', description: 'test tool', input: { x: z.string().optional() }, annotations: { readOnlyHint: true }, handler });

describe('runTool', () => {
  it('returns data as structuredContent and the same JSON as text, redacted', async () => {
    const result = await runTool(tool(async () => ({ data: { note: `leaked ${token}`, n: 1 } })), {}, ctx(false));
    assert.deepEqual(result.structuredContent, { note: 'leaked [redacted]', n: 1 });
    assert.equal((result.content[0] as { text: string }).text, '{"note":"leaked [redacted]","n":1}');
  });

  it('keeps the result valid JSON when redacting text that looks like credentials', async () => {
    const body = 'password="changeme"\nAuthorization: Bearer "$T"\n-----BEGIN RSA PRIVATE KEY-----\nMIIE';
    const result = await runTool(tool(async () => ({ data: { body, after: 'kept' } })), {}, ctx(false));
    assert.equal(result.isError, undefined);
    assert.equal(result.structuredContent?.after, 'kept');
    assert.doesNotMatch(String(result.structuredContent?.body), /changeme|MIIE/);
    assert.deepEqual(JSON.parse((result.content[0] as { text: string }).text), result.structuredContent);
  });

  it('reports a failure to build the client as an isError result, redacted', async () => {
    const failing = { ...ctx(false), github: async () => Promise.reject(new GitHubError('config', `bad CA for ${token}`)) };
    const result = await runTool(tool(async () => ({ data: {} })), {}, failing);
    assert.equal(result.isError, true);
    assert.equal((result.content[0] as { text: string }).text, 'bad CA for [redacted]');
  });

  it('lets an exposed secret through only when the user opted in', async () => {
    const handler = async () => ({ data: { token }, exposedSecrets: [token] });
    assert.equal((await runTool(tool(handler), {}, ctx(true))).structuredContent?.token, token);
    assert.equal((await runTool(tool(handler), {}, ctx(false))).structuredContent?.token, '[redacted]');
  });

  it('turns a GitHubError into an isError result with its message and Retry-After', async () => {
    const result = await runTool(tool(async () => {
      throw new GitHubError('rate_limited', `slow down, ${token}`, { retryAfterSeconds: 30 });
    }), {}, ctx(false));
    assert.equal(result.isError, true);
    assert.equal((result.content[0] as { text: string }).text, 'slow down, [redacted] (retry-after: 30)');
  });

  it('reports an unexpected exception as a failure of the tool, redacted, without a stack', async () => {
    const secret = new Secret('hunter2-password-value');
    const result = await runTool(tool(async () => {
      throw new TypeError(`cannot read ${secret.reveal()}`);
    }), {}, ctx(false));
    assert.equal(result.isError, true);
    const text = (result.content[0] as { text: string }).text;
    assert.match(text, /^t failed unexpectedly: cannot read \[redacted\]$/);
  });
});
