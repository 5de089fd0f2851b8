import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppUserRefresher, type RefreshAppUserToken, type RefresherTimers } from '../../../src/extension/auth/appUserRefresher';
import { CredentialStore } from '../../../src/extension/auth/credentialStore';
import { silentLogger } from '../../../src/core/logger';
import { FakeMemento, FakeSecrets } from './fakes';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const settle = () => new Promise((r) => setTimeout(r, 10));

/** Timers by handle, so clearTimeout clears exactly the one it is given. */
function fakeTimers(random = 0) {
  const pending = new Map<number, { ms: number; callback: () => void }>();
  let next = 1;
  const timers: RefresherTimers = {
    now: () => NOW,
    setTimeout: (callback, ms) => {
      pending.set(next, { ms, callback });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
    random: () => random,
  };
  const fire = () => {
    const [[handle, timer]] = [...pending];
    pending.delete(handle);
    timer.callback();
  };
  return { timers, pending, fire };
}

function setup(expiresInMs: number, refresh?: RefreshAppUserToken, random = 0) {
  const store = new CredentialStore(new FakeSecrets(), new FakeMemento());
  const clock = fakeTimers(random);
  let refreshes = 0;
  const failures: string[] = [];
  const rotating: RefreshAppUserToken = async (credential, persist) => {
    refreshes++;
    const rotated = { token: `ghu_${refreshes}`, refreshToken: `ghr_${refreshes}`, expiresAt: new Date(NOW + 8 * 3600_000).toISOString() };
    assert.equal(credential.refreshToken, `ghr_${refreshes - 1}`, 'always refreshes with the latest stored refresh token');
    await persist(rotated);
    return rotated;
  };
  const refresher = new AppUserRefresher(
    store,
    async (credential, persist) => {
      if (refresh) {
        refreshes++;
        return refresh(credential, persist);
      }
      return rotating(credential, persist);
    },
    silentLogger,
    (message) => failures.push(message),
    clock.timers,
  );
  const ready = store.setAppUser({
    apiUrl: 'https://api.github.com',
    clientId: 'Iv1.x',
    clientSecret: 'cs',
    token: 'ghu_0',
    refreshToken: 'ghr_0',
    expiresAt: new Date(NOW + expiresInMs).toISOString(),
  });
  return { store, clock, refresher, ready, failures, refreshes: () => refreshes };
}

describe('AppUserRefresher', () => {
  it('schedules the refresh five minutes before expiry, plus up to 30 s of jitter', async () => {
    const plain = setup(60 * 60_000);
    await plain.ready;
    assert.equal(await plain.refresher.schedule(), 55 * 60_000);
    const jittered = setup(60 * 60_000, undefined, 0.5);
    await jittered.ready;
    assert.equal(await jittered.refresher.schedule(), 55 * 60_000 + 15_000);
  });

  it('never fires sooner than 30 s after scheduling, even for an overdue token', async () => {
    const { refresher, ready } = setup(-60_000);
    await ready;
    assert.equal(await refresher.schedule(), 30_000);
  });

  it('leaves exactly one timer after concurrent schedule() calls and store changes', async () => {
    const { refresher, ready, clock } = setup(60 * 60_000);
    await ready;
    await settle(); // the store change from sign-in scheduled once already
    await Promise.all([refresher.schedule(), refresher.schedule(), refresher.schedule()]);
    assert.equal(clock.pending.size, 1);
    refresher.dispose();
    assert.equal(clock.pending.size, 0);
  });

  it('on the timer: refreshes, persists the rotated refresh token, and re-arms one timer', async () => {
    const { refresher, ready, store, clock, refreshes } = setup(60_000);
    await ready;
    await refresher.schedule();
    clock.fire();
    await settle();
    assert.equal(refreshes(), 1);
    assert.equal((await store.appUser())?.refreshToken, 'ghr_1');
    assert.equal(clock.pending.size, 1, 'rescheduled for the new expiry');
    assert.equal([...clock.pending.values()][0].ms, 8 * 3600_000 - 5 * 60_000);
  });

  it('on the timer: uses a pair another window rotated instead of refreshing again', async () => {
    const { refresher, ready, store, clock, refreshes } = setup(60_000);
    await ready;
    await refresher.schedule();
    await store.rotateAppUserTokens({ token: 'ghu_other', refreshToken: 'ghr_other', expiresAt: new Date(NOW + 8 * 3600_000).toISOString() });
    await settle();
    clock.fire();
    await settle();
    assert.equal(refreshes(), 0);
    assert.equal((await store.appUser())?.refreshToken, 'ghr_other');
    assert.equal(clock.pending.size, 1);
  });

  it('treats a refusal after another window rotated the pair as success', async () => {
    const context = setup(60_000, async () => {
      // The other window wins the race: its pair is stored, ours is now dead.
      await context.store.rotateAppUserTokens({ token: 'ghu_w2', refreshToken: 'ghr_w2', expiresAt: new Date(NOW + 8 * 3600_000).toISOString() });
      throw new Error('The GitHub App user refresh token was rejected as incorrect or expired. Sign in as the App user again.');
    });
    await context.ready;
    assert.equal((await context.refresher.refreshNow())?.token, 'ghu_w2');
    assert.deepEqual(context.failures, []);
  });

  it('stops for good on a dead refresh token and offers a new sign-in once', async () => {
    const { refresher, ready, clock, failures, refreshes } = setup(60_000, async () => {
      throw new Error('The GitHub App user refresh token was rejected as incorrect or expired. Sign in as the App user again.');
    });
    await ready;
    await refresher.schedule();
    clock.fire();
    await settle();
    assert.equal(refreshes(), 1);
    assert.equal(failures.length, 1);
    assert.match(failures[0], /Sign in as the App user again/);
    assert.equal(clock.pending.size, 0, 'no retry with a refresh token GitHub refused');
    await assert.rejects(refresher.ensureFresh(), /rejected/);
    assert.equal(refreshes(), 1, 'the dead token is not sent again');
    assert.equal(await refresher.schedule(), undefined);
  });

  it('retries a transient failure on the next timer', async () => {
    const { refresher, ready, clock, failures } = setup(60_000, async () => {
      throw new Error('connect ECONNREFUSED');
    });
    await ready;
    await refresher.schedule();
    clock.fire();
    await settle();
    assert.deepEqual(failures, []);
    assert.equal(clock.pending.size, 1);
    assert.equal([...clock.pending.values()][0].ms, 30_000);
  });

  it('ensureFresh refreshes only a token close to expiry, once for concurrent callers', async () => {
    const fresh = setup(60 * 60_000);
    await fresh.ready;
    assert.equal((await fresh.refresher.ensureFresh())?.token, 'ghu_0');
    assert.equal(fresh.refreshes(), 0);

    const stale = setup(2 * 60_000);
    await stale.ready;
    const [a, b] = await Promise.all([stale.refresher.ensureFresh(), stale.refresher.ensureFresh()]);
    assert.equal(stale.refreshes(), 1);
    assert.equal(a?.token, 'ghu_1');
    assert.equal(b?.token, 'ghu_1');
  });
});
