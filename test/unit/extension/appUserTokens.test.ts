import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../../src/core/logger';
import { coreRefresher, deviceFlowTokens } from '../../../src/extension/auth/appUserTokens';
import type { AppUserTokens } from '../../../src/extension/auth/credentialStore';
import { startSimulator, type Simulator } from '../../simulator/index';

/** The App-user token life cycle against the loopback simulator, through the core. */
describe('App user tokens (simulator)', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  const app = () => sim.fixtures.apps.find((candidate) => candidate.id === 1001)!;

  it('refreshes through the core, persisting the rotated pair before returning', async () => {
    const pair = sim.createAppUserToken('octocat', { appId: 1001 });
    const persisted: AppUserTokens[] = [];
    const refresh = coreRefresher(() => ({}), silentLogger);
    const credential = { apiUrl: sim.apiUrl, clientId: app().clientId, clientSecret: app().clientSecret, ...pair };
    const rotated = await refresh(credential, async (tokens) => {
      persisted.push(tokens);
    });
    assert.match(rotated.token, /^ghu_/);
    assert.notEqual(rotated.token, pair.token);
    assert.match(rotated.refreshToken ?? '', /^ghr_/);
    assert.notEqual(rotated.refreshToken, pair.refreshToken);
    assert.deepEqual(persisted, [rotated]);
    // GitHub rotates refresh tokens: the old one is dead, which is why it is persisted at once.
    await assert.rejects(refresh(credential, async () => undefined), /refresh token/i);
  });

  it('signs in with the device flow', async () => {
    let code = '';
    const tokens = await deviceFlowTokens(sim.apiUrl, app().clientId, ({ userCode, verificationUri }) => {
      code = userCode;
      assert.match(verificationUri, /\/login\/device$/);
      assert.equal(sim.approveDevice(userCode, 'octocat'), true);
    });
    assert.ok(code);
    assert.match(tokens.token, /^ghu_/);
    assert.ok(tokens.refreshToken && tokens.expiresAt && tokens.refreshTokenExpiresAt);
  });

  it('stops polling once the sign-in is cancelled', async () => {
    const abort = new AbortController();
    const started = Date.now();
    let shown = 0;
    await assert.rejects(
      deviceFlowTokens(
        sim.apiUrl,
        app().clientId,
        () => {
          shown++;
          abort.abort(); // the user cancels while the code is on screen
        },
        abort.signal,
      ),
      (error: Error) => /abort/i.test(`${error.name} ${error.message}`),
    );
    assert.equal(shown, 1);
    assert.ok(Date.now() - started < 4_000, 'it waited for another poll interval');
  });
});
