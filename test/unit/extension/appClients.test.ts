import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../../src/core/logger';
import { AppClients } from '../../../src/extension/github/appClients';
import { Emitter } from '../../../src/extension/util/emitter';

class FakeClient {
  closed = false;
  constructor(readonly name: string) {}
  async close() {
    this.closed = true;
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('AppClients', () => {
  it('shares one client per App until reset, then closes the old one', async () => {
    let made = 0;
    const clients = new AppClients(async () => new FakeClient(`c${++made}`), silentLogger);
    const a = await clients.forApp(1);
    assert.equal(await clients.forApp(1), a);
    clients.reset();
    const b = await clients.forApp(1);
    assert.notEqual(b, a);
    await new Promise((r) => setImmediate(r));
    assert.equal(a.closed, true);
    assert.equal(b.closed, false);
  });

  it('a late rejection of a reset promise does not drop its replacement', async () => {
    const first = deferred<FakeClient>();
    const pending = [first.promise, Promise.resolve(new FakeClient('second'))];
    let calls = 0;
    const clients = new AppClients(() => pending[calls++], silentLogger);
    void clients.forApp(1).catch(() => undefined);
    clients.reset();
    const second = await clients.forApp(1);
    first.reject(new Error('late failure'));
    await new Promise((r) => setImmediate(r));
    assert.equal(await clients.forApp(1), second, 'the replacement was dropped and a third client created');
    assert.equal(calls, 2);
  });

  it('closes a client that was still being created when reset() ran', async () => {
    const slow = deferred<FakeClient>();
    const clients = new AppClients(() => slow.promise, silentLogger);
    const inFlight = clients.forApp(1);
    clients.reset();
    const created = new FakeClient('slow');
    slow.resolve(created);
    await inFlight;
    await new Promise((r) => setImmediate(r));
    assert.equal(created.closed, true);
  });

  it('creates nothing after dispose', async () => {
    let made = 0;
    const clients = new AppClients(async () => new FakeClient(`c${++made}`), silentLogger);
    clients.dispose();
    await assert.rejects(clients.forApp(1), /shutting down/);
    assert.equal(made, 0);
  });
});

describe('Emitter', () => {
  it('reports a failing listener and still calls the others', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((error) => errors.push(error));
    const heard: number[] = [];
    emitter.event(() => {
      throw new Error('boom');
    });
    emitter.event((value) => heard.push(value));
    emitter.fire(7);
    assert.deepEqual(heard, [7]);
    assert.equal((errors[0] as Error).message, 'boom');
  });
});
