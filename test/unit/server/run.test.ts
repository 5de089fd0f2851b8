import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { GitHubError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/logger';
import { Secret } from '../../../src/core/secret';
import { defineTool, type ToolContext } from '../../../src/server/tools/defineTool';
import { runTool } from '../../../src/server/tools/run';
import { currentScope, recordApplied } from '../../../src/core/client/callScope';

const token = `ghs_${'A1b2'.repeat(9)}`;
const ctx = (exposeTokens: boolean) => ({ github: async () => ({}) as ToolContext['github'], config: { exposeTokens, maxResultChars: 20_000, core: { callTimeoutMs: 5_000 } } as ToolContext['config'], log: silentLogger });
const tool = (handler: () => Promise<{ data?: Record<string, unknown>; text?: string; exposedSecrets?: string[] }>) =>
  defineTool({ name: 't', toolset: 'context', title: 'T', description: 'test tool', input: { x: z.string().optional() }, annotations: { readOnlyHint: true }, needs: {}, handler });

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

  it('refuses a tool that acts as a user under App auth before its handler runs, and names the tokens that work', async () => {
    let ran = 0;
    const userTool = defineTool({ name: 'u', toolset: 'context', title: 'U', description: 'user tool', input: {}, annotations: { readOnlyHint: true }, needs: { user: 'a personal access token' }, handler: async () => ({ data: { ran: ++ran } }) });
    const asApp = { ...ctx(false), github: async () => ({ isApp: true }) as ToolContext['github'] };
    const refused = await runTool(userTool, {}, asApp);
    assert.equal(refused.isError, true);
    assert.match((refused.content[0] as { text: string }).text, /^u needs a user's token: GitHub does not give GitHub Apps .*Use a personal access token\.$/);
    assert.equal(ran, 0);
    const asUser = { ...ctx(false), github: async () => ({ isApp: false }) as ToolContext['github'] };
    assert.deepEqual((await runTool(userTool, {}, asUser)).structuredContent, { ran: 1 });
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

  it('names every bad argument once, and refuses "__proto__" keys that zod would drop', async () => {
    const strict = defineTool({ name: 's', toolset: 'context', title: 'S', description: 'test tool', input: { a: z.string(), b: z.number(), c: z.record(z.string(), z.string()).optional() }, annotations: { readOnlyHint: true }, needs: {}, handler: async () => ({ data: {} }) });
    const bad = await runTool(strict, { a: 1, b: 'x' }, ctx(false));
    assert.equal((bad.content[0] as { text: string }).text.startsWith('Invalid arguments for s: a: '), true);
    assert.match((bad.content[0] as { text: string }).text, /; b: /);
    const proto = await runTool(strict, JSON.parse('{"a":"x","b":1,"c":{"__proto__":{"p":"1"}}}'), ctx(false));
    assert.equal(proto.isError, true);
    assert.match((proto.content[0] as { text: string }).text, /c\.__proto__: the key "__proto__" is not accepted/);
  });

  it('refuses a result over the ceiling, and keeps an applied write a success when its answer is incomplete', async () => {
    const big = await runTool(tool(async () => ({ data: { note: 'x'.repeat(1_900), items: Array.from({ length: 20 }, () => 'y'.repeat(1_900)) } })), {}, ctx(false));
    assert.equal(big.isError, true);
    assert.match((big.content[0] as { text: string }).text, /over the 20000-character ceiling \(GITHUB_MAX_RESULT_CHARS\)/);
    // As the transport does for every write GitHub answers with a 2xx.
    const applyWrite = () => recordApplied(currentScope()!, { method: 'POST', path: '/repos/o/r/issues', status: 201, id: 7 });
    const write = (data: Record<string, unknown>, applies: boolean) =>
      defineTool({ name: 'w', toolset: 'context', title: 'W', description: 'test tool', input: {}, output: { id: z.number(), url: z.string() }, annotations: { readOnlyHint: false }, needs: {}, handler: async () => (applies && applyWrite(), { data }) });
    const unapplied = await runTool(write({ id: 7, url: null }, false), {}, ctx(false));
    assert.equal(unapplied.isError, true, 'no write was answered, so none is claimed');
    assert.match((unapplied.content[0] as { text: string }).text, /Nothing was changed/);
    const result = await runTool(write({ id: 7, url: null }, true), {}, ctx(false));
    assert.equal(result.isError, undefined);
    const data = result.structuredContent as { id: number; url?: string; applied: { method: string; path: string; status: number; note: string } };
    assert.equal(data.id, 7);
    assert.equal('url' in data, false);
    assert.match(data.applied.note, /Do not repeat the write/);
    assert.deepEqual([data.applied.method, data.applied.path, data.applied.status], ['POST', '/repos/o/r/issues', 201]);
  });
});
