import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EmptyResultSchema, LoggingMessageNotificationSchema, type LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';
import { serverFor, startSimulator, type ServerHandle, type Simulator } from '../support/simServer';

// The logging capability over real stdio: nothing reaches the client until it sets a level;
// then lines at or above that level arrive as notifications/message, redacted like stderr's
// (the server's own token in a log line never reaches the client), and stderr keeps them all.

describe('logging: notifications/message after logging/setLevel', () => {
  let sim: Simulator;
  let server: ServerHandle;
  let token: string;
  const received: LoggingMessageNotification['params'][] = [];
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
  // A tool call whose failure the server logs at debug, with the token in the path (so in the 404 message).
  const failWithSecret = () => server.call('get_file_contents', { owner: 'sim-org', repo: 'api', path: `notes/${token}.md` });
  const garbageLine = () => server.transport.child!.stdin.write('this is not json\n');

  before(async () => {
    sim = await startSimulator();
    token = sim.createPersonalToken('monalisa', { scopes: ['repo'] });
    server = await serverFor(sim, 'logging pat', { GITHUB_TOKEN: token, GITHUB_LOG_LEVEL: 'debug' });
    server.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void received.push(notification.params));
    // Parse errors answered with id null reach the client's error handler, not a test.
    server.client.onerror = () => {};
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('sends nothing before the client sets a level', async () => {
    const result = await failWithSecret();
    assert.equal(result.isError, true);
    garbageLine();
    await settle();
    assert.deepEqual(received, []);
    assert.match(server.transport.stderr, /\[debug\] \[server\] get_file_contents: not_found/, 'stderr has it');
  });

  it('at "warning", sends warnings and drops debug lines', async () => {
    await server.client.setLoggingLevel('warning');
    await failWithSecret();
    garbageLine();
    await settle();
    assert.equal(received.length, 1, JSON.stringify(received));
    assert.equal(received[0].level, 'warning');
    assert.equal(received[0].logger, 'pygithub-mcp-server');
    assert.match(String(received[0].data), /not a JSON-RPC message/);
  });

  it('at "debug", sends debug lines, redacted: the token never reaches the client', async () => {
    received.length = 0;
    await server.client.setLoggingLevel('debug');
    await failWithSecret();
    await settle();
    const line = received.find((params) => params.level === 'debug' && /get_file_contents: not_found/.test(String(params.data)));
    assert.ok(line, JSON.stringify(received));
    assert.match(String(line.data), /notes\/\[redacted\]\.md/);
    for (const params of received) assert.ok(!JSON.stringify(params).includes(token), 'no notification carries the token');
    assert.ok(!server.transport.stdoutLines.some((l) => l.includes(token)), 'nothing on stdout carries the token');
    assert.ok(!server.transport.stderr.includes(token), 'stderr is redacted too');
  });

  it('rejects a level MCP does not define', async () => {
    await assert.rejects(server.client.request({ method: 'logging/setLevel', params: { level: 'loud' } }, EmptyResultSchema), /Invalid/i);
  });
});
