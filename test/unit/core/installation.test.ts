import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GitHubClock } from '../../../src/core/clock';
import { InstallationTokens } from '../../../src/core/auth/installation';
import { Secret } from '../../../src/core/secret';
import { deferred, fakeToken, flush, type Deferred } from './helpers';

const START = Date.parse('2030-03-01T12:00:00.000Z');
const HOUR = 3_600_000;

type AppAuth = ConstructorParameters<typeof InstallationTokens>[0];

interface MintCall {
  type: string;
  installationId: number;
  refresh?: boolean;
  permissions?: Record<string, string>;
  repositoryNames?: string[];
  repositoryIds?: number[];
}

/** A stand-in for auth-app's installation minting: records calls, returns tokens valid for an hour of GitHub time. */
function fakeAppAuth(now: () => number, options: { failures?: unknown[]; gate?: () => Deferred<void> | undefined } = {}) {
  const calls: MintCall[] = [];
  const issued: string[] = [];
  const failures = [...(options.failures ?? [])];
  const auth = async (request: MintCall) => {
    calls.push(request);
    const gate = options.gate?.();
    if (gate) await gate.promise;
    if (failures.length > 0) throw failures.shift();
    const token = fakeToken('ghs_');
    issued.push(token);
    return {
      type: 'token',
      tokenType: 'installation',
      token,
      installationId: request.installationId,
      expiresAt: new Date(now() + HOUR).toISOString(),
      permissions: request.permissions ?? { metadata: 'read', issues: 'write' },
      repositorySelection: request.repositoryNames ? 'selected' : 'all',
      repositoryNames: request.repositoryNames,
    };
  };
  return { auth: auth as unknown as AppAuth, calls, issued };
}

function setup(options: Parameters<typeof fakeAppAuth>[1] = {}, defaults = {}) {
  let local = START;
  const clock = new GitHubClock(() => local);
  const fake = fakeAppAuth(() => clock.now(), options);
  const tokens = new InstallationTokens(fake.auth, clock, defaults);
  return { ...fake, clock, tokens, setLocal: (ms: number) => (local = ms), localNow: () => local };
}

describe('InstallationTokens.get', () => {
  it('mints once and reuses the token until within 60 s of expiry', async () => {
    const t = setup();
    const first = await t.tokens.get(1);
    assert.ok(first.token instanceof Secret);
    assert.equal(first.token.reveal(), t.issued[0]);
    assert.equal(first.installationId, 1);
    assert.equal(first.expiresAt, new Date(START + HOUR).toISOString());
    assert.equal(t.calls.length, 1);
    assert.deepEqual(t.calls[0], { type: 'installation', installationId: 1, refresh: true });

    t.setLocal(START + 30 * 60_000);
    assert.equal(await t.tokens.get(1), first);
    t.setLocal(START + HOUR - 61_000);
    assert.equal(await t.tokens.get(1), first);
    assert.equal(t.calls.length, 1);

    t.setLocal(START + HOUR - 60_000);
    const second = await t.tokens.get(1);
    assert.equal(t.calls.length, 2);
    assert.notEqual(second.token.reveal(), first.token.reveal());
    assert.equal(second.token.reveal(), t.issued[1]);
    assert.equal(second.expiresAt, new Date(START + 2 * HOUR - 60_000).toISOString());
  });

  it('mints again for an already-expired cached token', async () => {
    const t = setup();
    await t.tokens.get(1);
    t.setLocal(START + 2 * HOUR);
    await t.tokens.get(1);
    assert.equal(t.calls.length, 2);
  });

  it("judges expiry on GitHub's clock, not the local one", async () => {
    const t = setup();
    await t.tokens.get(1); // expires at START + 1 h
    // GitHub is 10 minutes ahead; local time is still well before expiry.
    t.setLocal(START + 45 * 60_000);
    t.clock.observe(new Date(START + 55 * 60_000).toUTCString());
    assert.equal(t.clock.now(), START + 55 * 60_000);
    await t.tokens.get(1);
    assert.equal(t.calls.length, 1, 'still 5 min left on GitHub clock');
    t.setLocal(START + 49 * 60_000 + 30_000); // GitHub: 59.5 min in, 30 s left
    await t.tokens.get(1);
    assert.equal(t.calls.length, 2);
  });

  it('keeps separate tokens per installation', async () => {
    const t = setup();
    const one = await t.tokens.get(1);
    const two = await t.tokens.get(2);
    assert.notEqual(one.token.reveal(), two.token.reveal());
    assert.equal(two.installationId, 2);
    assert.deepEqual(t.calls.map((c) => c.installationId), [1, 2]);
    assert.equal(await t.tokens.get(1), one);
    assert.equal(await t.tokens.get(2), two);
    assert.equal(t.calls.length, 2);
  });

  it('mints once for concurrent callers', async () => {
    const gate = deferred<void>();
    const t = setup({ gate: () => gate });
    const pending = [t.tokens.get(5), t.tokens.get(5), t.tokens.get(5)];
    await flush();
    assert.equal(t.calls.length, 1);
    gate.resolve();
    const [a, b, c] = await Promise.all(pending);
    assert.equal(a, b);
    assert.equal(b, c);
    assert.equal(t.calls.length, 1);
  });

  it('does not share a pending mint between installations', async () => {
    const gate = deferred<void>();
    const t = setup({ gate: () => gate });
    const pending = [t.tokens.get(1), t.tokens.get(2)];
    await flush();
    assert.equal(t.calls.length, 2);
    gate.resolve();
    const [a, b] = await Promise.all(pending);
    assert.equal(a!.installationId, 1);
    assert.equal(b!.installationId, 2);
  });

  it('passes default narrowing (configured permissions) to every mint', async () => {
    const t = setup({}, { permissions: { issues: 'write' } });
    const token = await t.tokens.get(1);
    assert.deepEqual(t.calls[0]!.permissions, { issues: 'write' });
    assert.deepEqual(token.permissions, { issues: 'write' });
  });

  it('does not cache a failed mint, and a later call mints again', async () => {
    const boom = Object.assign(new Error('Server Error'), { status: 502 });
    const t = setup({ failures: [boom] });
    await assert.rejects(t.tokens.get(1), /Server Error/);
    assert.equal(t.tokens.peek(1), undefined);
    const token = await t.tokens.get(1);
    assert.equal(token.token.reveal(), t.issued[0]);
    assert.equal(t.calls.length, 2);
  });

  it('rejects every concurrent caller of a failed mint', async () => {
    const gate = deferred<void>();
    const boom = Object.assign(new Error('nope'), { status: 404 });
    const t = setup({ failures: [boom], gate: () => gate });
    const a = t.tokens.get(1);
    const b = t.tokens.get(1);
    gate.resolve();
    await assert.rejects(a, /nope/);
    await assert.rejects(b, /nope/);
    assert.equal(t.calls.length, 1);
  });
});

describe('InstallationTokens.invalidate and peek', () => {
  it('invalidate forces a new mint', async () => {
    const t = setup();
    const first = await t.tokens.get(1);
    t.tokens.invalidate(1);
    assert.equal(t.tokens.peek(1), undefined);
    const second = await t.tokens.get(1);
    assert.equal(t.calls.length, 2);
    assert.notEqual(second.token.reveal(), first.token.reveal());
  });

  it('invalidate leaves other installations cached', async () => {
    const t = setup();
    await t.tokens.get(1);
    const two = await t.tokens.get(2);
    t.tokens.invalidate(1);
    assert.equal(t.tokens.peek(2), two);
    await t.tokens.get(2);
    assert.equal(t.calls.length, 2);
  });

  it('peek returns the cached token without minting', async () => {
    const t = setup();
    assert.equal(t.tokens.peek(1), undefined);
    assert.equal(t.calls.length, 0);
    const token = await t.tokens.get(1);
    assert.equal(t.tokens.peek(1), token);
  });
});

describe('InstallationTokens.mint', () => {
  it('passes permissions, repository names and ids, and does not cache', async () => {
    const t = setup();
    const narrowed = await t.tokens.mint(3, { permissions: { contents: 'read' }, repositoryNames: ['hello'], repositoryIds: [42] });
    assert.deepEqual(t.calls[0], {
      type: 'installation',
      installationId: 3,
      refresh: true,
      permissions: { contents: 'read' },
      repositoryNames: ['hello'],
      repositoryIds: [42],
    });
    assert.deepEqual(narrowed.permissions, { contents: 'read' });
    assert.deepEqual(narrowed.repositoryNames, ['hello']);
    assert.equal(narrowed.repositorySelection, 'selected');
    assert.equal(t.tokens.peek(3), undefined);
    const cached = await t.tokens.get(3);
    assert.equal(t.calls.length, 2);
    assert.notEqual(cached.token.reveal(), narrowed.token.reveal());
    assert.equal(t.calls[1]!.permissions, undefined);
  });

  it('does not replace the cached token', async () => {
    const t = setup();
    const cached = await t.tokens.get(3);
    await t.tokens.mint(3, { repositoryNames: ['x'] });
    assert.equal(t.tokens.peek(3), cached);
    assert.equal(await t.tokens.get(3), cached);
    assert.equal(t.calls.length, 2);
  });

  it('mints every time it is called', async () => {
    const t = setup();
    await t.tokens.mint(3);
    await t.tokens.mint(3);
    assert.equal(t.calls.length, 2);
  });

  it('retries once after a 401 on the first attempt', async () => {
    const skew = Object.assign(new Error("'Expiration time' claim ('exp') is too far in the future"), { status: 401 });
    const t = setup({ failures: [skew] });
    const token = await t.tokens.get(1);
    assert.equal(t.calls.length, 2);
    assert.equal(token.token.reveal(), t.issued[0]);
    assert.equal(t.tokens.peek(1), token);
  });

  it('gives up after a second 401', async () => {
    const e1 = Object.assign(new Error('Bad credentials 1'), { status: 401 });
    const e2 = Object.assign(new Error('Bad credentials 2'), { status: 401 });
    const t = setup({ failures: [e1, e2] });
    await assert.rejects(t.tokens.mint(1), /Bad credentials 2/);
    assert.equal(t.calls.length, 2);
  });

  it('does not retry other failures', async () => {
    const forbidden = Object.assign(new Error('Forbidden'), { status: 403 });
    const t = setup({ failures: [forbidden] });
    await assert.rejects(t.tokens.mint(1), /Forbidden/);
    assert.equal(t.calls.length, 1);
  });
});
