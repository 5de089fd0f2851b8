import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppUserRefresher, type RefresherTimers } from '../../../src/extension/auth/appUserRefresher';
import { CredentialStore } from '../../../src/extension/auth/credentialStore';
import { silentLogger } from '../../../src/core/logger';
import { FakeMemento, FakeSecrets } from './fakes';

const NOW = Date.parse('2030-01-01T00:00:00Z');

function setup(expiresInMs: number) {
  const store = new CredentialStore(new FakeSecrets(), new FakeMemento());
  const timers: Array<{ ms: number; callback: () => void }> = [];
  const clock: RefresherTimers = {
    now: () => NOW,
    setTimeout: (callback, ms) => timers.push({ ms, callback }),
    clearTimeout: () => timers.splice(0),
  };
  let refreshes = 0;
  const refresher = new AppUserRefresher(
    store,
    async (credential, persist) => {
      refreshes++;
      const rotated = { token: `ghu_${refreshes}`, refreshToken: `ghr_${refreshes}`, expiresAt: new Date(NOW + 8 * 3600_000).toISOString() };
      assert.equal(credential.refreshToken, refreshes === 1 ? 'ghr_0' : `ghr_${refreshes - 1}`, 'always refreshes with the latest stored refresh token');
      await persist(rotated);
      return rotated;
    },
    silentLogger,
    clock,
  );
  const ready = store.setAppUser({
    apiUrl: 'https://api.github.com',
    clientId: 'Iv1.x',
    clientSecret: 'cs',
    token: 'ghu_0',
    refreshToken: 'ghr_0',
    expiresAt: new Date(NOW + expiresInMs).toISOString(),
  });
  return { store, timers, refresher, ready, refreshes: () => refreshes };
}

describe('AppUserRefresher', () => {
  it('schedules the refresh five minutes before expiry', async () => {
    const { refresher, ready, timers } = setup(60 * 60_000);
    await ready;
    assert.equal(await refresher.schedule(), 55 * 60_000);
    assert.equal(timers.length, 1);
  });

  it('never fires sooner than 30 s after scheduling, even for an overdue token', async () => {
    const { refresher, ready } = setup(-60_000);
    await ready;
    assert.equal(await refresher.schedule(), 30_000);
  });

  it('refreshes, persists the rotated refresh token, and reschedules', async () => {
    const { refresher, ready, store, timers, refreshes } = setup(60_000);
    await ready;
    await refresher.schedule();
    timers[0].callback();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(refreshes(), 1);
    assert.equal((await store.appUser())?.refreshToken, 'ghr_1');
    assert.equal(timers.length, 1, 'rescheduled for the new expiry');
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
