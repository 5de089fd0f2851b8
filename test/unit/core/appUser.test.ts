import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as octokitRequest } from '@octokit/request';
import { GitHubClock } from '../../../src/core/clock';
import { GitHubError } from '../../../src/core/errors';
import { createAppUserAuthStrategy, type AppUserTokens } from '../../../src/core/auth/appUser';
import { Secret } from '../../../src/core/secret';
import { deferred, fakeToken, flush, type Deferred } from './helpers';

// Well after the real date, so anything judged on the real clock instead of ours would show.
const START = Date.parse('2031-05-01T12:00:00.000Z');
const EIGHT_HOURS = 8 * 3_600_000;
const target = { appLevel: false };

interface RefreshCall {
  url: string;
  body: Record<string, string>;
}

type Answer = { kind: 'ok' } | { kind: 'error'; error: string; description: string };

/** A fetch that answers GitHub's refresh grant; every answer is dated on the controlled clock. */
function fakeOAuthServer(now: () => number, answers: Answer[] = [], gate?: () => Deferred<void> | undefined) {
  const calls: RefreshCall[] = [];
  const issued: Array<{ token: string; refreshToken: string }> = [];
  const fetch = async (url: string | URL, init?: RequestInit) => {
    calls.push({ url: String(url), body: JSON.parse(String(init?.body)) as Record<string, string> });
    const g = gate?.();
    if (g) await g.promise;
    const answer = answers.shift() ?? { kind: 'ok' };
    const headers = { 'content-type': 'application/json; charset=utf-8', date: new Date(now()).toUTCString() };
    if (answer.kind === 'error') {
      return new Response(
        JSON.stringify({ error: answer.error, error_description: answer.description, error_uri: 'https://docs.github.com/apps' }),
        { status: 200, headers },
      );
    }
    const pair = { token: fakeToken('ghu_'), refreshToken: fakeToken('ghr_') };
    issued.push(pair);
    return new Response(
      JSON.stringify({
        access_token: pair.token,
        expires_in: 28800,
        refresh_token: pair.refreshToken,
        refresh_token_expires_in: 15811200,
        scope: '',
        token_type: 'bearer',
      }),
      { status: 200, headers },
    );
  };
  return { fetch, calls, issued };
}

interface SetupOptions {
  answers?: Answer[];
  gate?: () => Deferred<void> | undefined;
  expiresAt?: string | null;
  refreshToken?: string | null;
  refreshTokenExpiresAt?: string;
}

function setup(options: SetupOptions = {}) {
  let local = START;
  const clock = new GitHubClock(() => local);
  const server = fakeOAuthServer(() => clock.now(), options.answers, options.gate);
  const request = octokitRequest.defaults({ baseUrl: 'https://api.github.com', request: { fetch: server.fetch } });
  const initialToken = fakeToken('ghu_');
  const initialRefresh = fakeToken('ghr_');
  const clientSecret = 'client-secret-' + 'k'.repeat(24);
  const refreshed: AppUserTokens[] = [];
  const strategy = createAppUserAuthStrategy({
    clientId: 'Iv1.testclient',
    clientSecret: new Secret(clientSecret),
    token: new Secret(initialToken),
    expiresAt: options.expiresAt === null ? undefined : (options.expiresAt ?? new Date(START + EIGHT_HOURS).toISOString()),
    refreshToken: options.refreshToken === null ? undefined : new Secret(options.refreshToken ?? initialRefresh),
    refreshTokenExpiresAt: options.refreshTokenExpiresAt ?? new Date(START + 180 * 86_400_000).toISOString(),
    clock,
    request,
    onRefresh: (tokens) => {
      refreshed.push(tokens);
    },
  });
  return { strategy, clock, server, refreshed, initialToken, initialRefresh, clientSecret, setLocal: (ms: number) => (local = ms) };
}

async function authError(promise: Promise<unknown>): Promise<GitHubError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GitHubError, `expected GitHubError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('createAppUserAuthStrategy', () => {
  it('uses the configured token without refreshing before expiry', async () => {
    const t = setup();
    assert.equal(await t.strategy.authorization(target), `token ${t.initialToken}`);
    t.setLocal(START + EIGHT_HOURS - 61_000);
    assert.equal(await t.strategy.authorization(target), `token ${t.initialToken}`);
    assert.equal(t.server.calls.length, 0);
    assert.equal(t.refreshed.length, 0);
  });

  it('never refreshes a token without an expiry', async () => {
    const t = setup({ expiresAt: null });
    t.setLocal(START + 365 * 86_400_000);
    assert.equal(await t.strategy.authorization(target), `token ${t.initialToken}`);
    assert.equal(t.server.calls.length, 0);
  });

  it('refreshes within 60 s of expiry with the refresh grant, and reports the new pair', async () => {
    const t = setup();
    t.setLocal(START + EIGHT_HOURS - 60_000);
    const header = await t.strategy.authorization(target);
    assert.equal(t.server.calls.length, 1);
    const call = t.server.calls[0]!;
    assert.equal(call.url, 'https://github.com/login/oauth/access_token');
    assert.deepEqual(call.body, {
      client_id: 'Iv1.testclient',
      client_secret: t.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: t.initialRefresh,
    });
    const pair = t.server.issued[0]!;
    assert.equal(header, `token ${pair.token}`);
    assert.equal(t.refreshed.length, 1);
    assert.equal(t.refreshed[0]!.token.reveal(), pair.token);
    assert.equal(t.refreshed[0]!.refreshToken?.reveal(), pair.refreshToken);
    const now = START + EIGHT_HOURS - 60_000;
    assert.equal(t.refreshed[0]!.expiresAt, new Date(now + 28_800_000).toISOString());
    assert.equal(t.refreshed[0]!.refreshTokenExpiresAt, new Date(now + 15_811_200_000).toISOString());
    assert.equal(t.strategy.facts().expiresAt, new Date(now + 28_800_000).toISOString());
  });

  it('uses the rotated refresh token for the next refresh', async () => {
    const t = setup();
    t.setLocal(START + EIGHT_HOURS);
    await t.strategy.authorization(target);
    const firstPair = t.server.issued[0]!;
    // The new token lives 8 h from the refresh; still fine just after it.
    t.setLocal(START + EIGHT_HOURS + 60_000);
    assert.equal(await t.strategy.authorization(target), `token ${firstPair.token}`);
    assert.equal(t.server.calls.length, 1);
    t.setLocal(START + 2 * EIGHT_HOURS - 30_000);
    const header = await t.strategy.authorization(target);
    assert.equal(t.server.calls.length, 2);
    assert.equal(t.server.calls[1]!.body.refresh_token, firstPair.refreshToken);
    assert.equal(header, `token ${t.server.issued[1]!.token}`);
    assert.equal(t.refreshed.length, 2);
  });

  it('refreshes once for concurrent callers', async () => {
    const gate = deferred<void>();
    const t = setup({ gate: () => gate });
    t.setLocal(START + EIGHT_HOURS);
    const pending = [t.strategy.authorization(target), t.strategy.authorization(target), t.strategy.invalidate(target, `token ${t.initialToken}`)];
    await flush();
    gate.resolve();
    const [a, b, invalidated] = await Promise.all(pending);
    assert.equal(t.server.calls.length, 1);
    assert.equal(a, `token ${t.server.issued[0]!.token}`);
    assert.equal(b, a);
    assert.equal(invalidated, true);
    assert.equal(t.refreshed.length, 1);
  });

  it('refreshes on invalidate (after a 401) even before expiry', async () => {
    const t = setup();
    assert.equal(await t.strategy.invalidate(target, `token ${t.initialToken}`), true);
    assert.equal(t.server.calls.length, 1);
    assert.equal(await t.strategy.authorization(target), `token ${t.server.issued[0]!.token}`);
  });

  it('fails with a clear auth error when the refresh token has expired by our clock', async () => {
    const refreshTokenExpiresAt = new Date(START + EIGHT_HOURS - 3_600_000).toISOString();
    const t = setup({ refreshTokenExpiresAt });
    t.setLocal(START + EIGHT_HOURS);
    const error = await authError(t.strategy.authorization(target));
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /refresh token expired/);
    assert.ok(error.message.includes(refreshTokenExpiresAt));
    assert.ok(!error.message.includes(t.initialRefresh));
    assert.equal(t.server.calls.length, 0);
  });

  it('fails with a clear auth error when GitHub rejects the refresh token (bad_refresh_token)', async () => {
    const t = setup({ answers: [{ kind: 'error', error: 'bad_refresh_token', description: 'The refresh token passed is incorrect or expired.' }] });
    t.setLocal(START + EIGHT_HOURS);
    const error = await authError(t.strategy.authorization(target));
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /rejected/);
    assert.match(error.message, /Sign in/);
    for (const secret of [t.initialRefresh, t.initialToken, t.clientSecret]) assert.ok(!error.message.includes(secret));
    assert.equal(t.refreshed.length, 0);
  });

  it('reports other refresh failures as auth errors too', async () => {
    const t = setup({ answers: [{ kind: 'error', error: 'incorrect_client_credentials', description: 'The client_id and/or client_secret passed are incorrect.' }] });
    t.setLocal(START + EIGHT_HOURS);
    const error = await authError(t.strategy.authorization(target));
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /could not be used/);
  });

  it('can refresh again after a failed refresh', async () => {
    const t = setup({ answers: [{ kind: 'error', error: 'bad_refresh_token', description: 'nope' }] });
    t.setLocal(START + EIGHT_HOURS);
    await authError(t.strategy.authorization(target));
    assert.equal(await t.strategy.authorization(target), `token ${t.server.issued[0]!.token}`);
    assert.equal(t.server.calls.length, 2);
  });

  it('fails with a clear auth error when the token expired and there is no refresh token', async () => {
    const t = setup({ refreshToken: null });
    t.setLocal(START + EIGHT_HOURS + 1);
    const error = await authError(t.strategy.authorization(target));
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /GITHUB_APP_USER_REFRESH_TOKEN/);
    assert.equal(t.server.calls.length, 0);
  });

  it('invalidate says a retry cannot help without a refresh token', async () => {
    const t = setup({ refreshToken: null });
    assert.equal(await t.strategy.invalidate(target, `token ${t.initialToken}`), false);
    assert.equal(t.server.calls.length, 0);
  });

  it('does not refresh again when the rejected token was already replaced', async () => {
    const t = setup();
    await t.strategy.invalidate(target, `token ${t.initialToken}`);
    assert.equal(await t.strategy.invalidate(target, `token ${t.initialToken}`), true, 'retry with the current token');
    assert.equal(t.server.calls.length, 1);
  });

  it('facts carry expiries but no secrets', async () => {
    const t = setup();
    const facts = t.strategy.facts();
    assert.equal(facts.method, 'app_user');
    assert.equal(facts.pygithubClass, 'Auth.AppUserAuth');
    assert.equal(facts.expiresAt, new Date(START + EIGHT_HOURS).toISOString());
    const json = JSON.stringify(facts);
    for (const secret of [t.initialToken, t.initialRefresh, t.clientSecret]) assert.ok(!json.includes(secret));
    await t.strategy.invalidate(target, `token ${t.initialToken}`);
    const after = JSON.stringify(t.strategy.facts());
    for (const pair of t.server.issued) {
      assert.ok(!after.includes(pair.token));
      assert.ok(!after.includes(pair.refreshToken));
    }
  });
});
