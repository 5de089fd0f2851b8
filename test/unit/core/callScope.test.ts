import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { GitHubClock } from '../../../src/core/clock';
import { ABANDON_AFTER_MS, currentCallScope, outsideCallScope, runInCallScope } from '../../../src/core/client/callScope';
import { toGitHubError } from '../../../src/core/client/errors';
import { createOctokit } from '../../../src/core/client/octokit';
import { createPacer } from '../../../src/core/client/resilience';
import { createTransport } from '../../../src/core/client/transport';
import { GitHubError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/logger';
import type { AuthStrategy } from '../../../src/core/auth/types';
import type { GitHub } from '../../../src/core/github';
import { config, github, json, loopback, type Loopback } from './loopback';

const servers: Loopback[] = [];
after(async () => Promise.all(servers.map((s) => s.close())));

async function server(handler: Parameters<typeof loopback>[0]): Promise<Loopback> {
  const s = await loopback((req, res, seen) => (req.url === '/warm' ? json(res, 200, {}) : handler(req, res, seen)));
  servers.push(s);
  return s;
}

/** Octokit's first request in a process costs a few hundred ms; timing tests start warm. */
async function warm(gh: ReturnType<typeof github>, api: Loopback): Promise<void> {
  await (await gh.client()).request('GET /warm');
  api.seen.length = 0;
  api.closed.length = 0;
}

const hang = () => {};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` in a scope and returns its error (which must be a GitHubError) and how long it took. */
async function failure(options: { label?: string; timeoutMs: number; signal?: AbortSignal }, fn: () => Promise<unknown>) {
  const started = Date.now();
  try {
    await runInCallScope({ label: options.label ?? 'list_issues', ...options }, fn);
  } catch (error) {
    assert.ok(error instanceof GitHubError, `expected a GitHubError, got ${String(error)}`);
    return { error, ms: Date.now() - started };
  }
  assert.fail('the call should have failed');
}

describe('runInCallScope', () => {
  it('makes the scope current inside the call only, and resolves with the result', async () => {
    const result = await runInCallScope({ label: 't', timeoutMs: 1000 }, async (scope) => {
      assert.equal(currentCallScope(), scope);
      await sleep(1);
      assert.equal(currentCallScope(), scope);
      assert.equal(outsideCallScope(() => currentCallScope()), undefined);
      assert.ok(scope.deadline > Date.now() && scope.deadline <= Date.now() + 1000);
      return 42;
    });
    assert.equal(result, 42);
    assert.equal(currentCallScope(), undefined);
  });

  it('abandons work that ignores the signal, ABANDON_AFTER_MS after the deadline', async () => {
    const { error, ms } = await failure({ timeoutMs: 150 }, () => new Promise(() => {}));
    assert.equal(error.kind, 'deadline');
    assert.match(error.message, /list_issues did not finish within its 0\.2 s deadline \(GITHUB_CALL_TIMEOUT\) before any request was sent/);
    assert.ok(ms >= 150 + ABANDON_AFTER_MS - 20 && ms < 150 + ABANDON_AFTER_MS + 300, `${ms} ms`);
  });

  it('lets the work handle the deadline error itself (a tool wrapper turns it into a result)', async () => {
    const api = await server(hang);
    const gh = github(api.origin);
    await warm(gh, api);
    const started = Date.now();
    const result = await runInCallScope({ label: 'get_me', timeoutMs: 300 }, async () => {
      try {
        await runWith(gh, (o) => o.request('GET /user'));
        return 'answered';
      } catch (error) {
        return `${(error as GitHubError).kind}: ${(error as GitHubError).message}`;
      }
    });
    assert.match(result, /^deadline: get_me did not finish within its 0\.3 s deadline \(GITHUB_CALL_TIMEOUT\) after 1 attempt at GET \/user\./);
    assert.ok(Date.now() - started < 600);
    await gh.close();
  });

  it('rejects at once, without running the work, when the client already cancelled', async () => {
    let ran = false;
    const { error } = await failure({ timeoutMs: 1000, signal: AbortSignal.abort() }, async () => void (ran = true));
    assert.equal(error.kind, 'cancelled');
    assert.equal(ran, false);
  });
});

describe('the call deadline', () => {
  it('covers every attempt and backoff: a hung GitHub fails at the deadline, not after 4 × GITHUB_TIMEOUT', async () => {
    const api = await server(hang);
    const gh = github(api.origin, { GITHUB_TIMEOUT: '0.3', GITHUB_RETRY: '3' });
    await warm(gh, api);
    let scope: ReturnType<typeof currentCallScope>;
    // 0-300 ms attempt 1 times out; 500 ms backoff; attempt 2 gets only the 200 ms left.
    const { error, ms } = await failure({ timeoutMs: 1000 }, () =>
      runWith(gh, (octokit) => {
        scope = currentCallScope();
        return octokit.request('GET /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r' });
      }),
    );
    assert.equal(error.kind, 'deadline');
    assert.equal(
      error.message,
      'list_issues did not finish within its 1 s deadline (GITHUB_CALL_TIMEOUT) after 2 attempts at GET /repos/o/r/issues. GitHub is slow or unreachable; try again later, or raise GITHUB_CALL_TIMEOUT.',
    );
    assert.ok(ms >= 950 && ms < 1400, `${ms} ms`);
    assert.equal(api.seen.length, 2);
    assert.equal(scope!.attempts, 2);
    await gh.close();
  });

  it('caps the per-request timeout at the time left', async () => {
    const api = await server(hang);
    const gh = github(api.origin, { GITHUB_TIMEOUT: '15' });
    await warm(gh, api);
    const { error, ms } = await failure({ timeoutMs: 300 }, () => runWith(gh, (o) => o.request('GET /user')));
    assert.equal(error.kind, 'deadline');
    assert.match(error.message, /after 1 attempt at GET \/user\./);
    assert.ok(ms < 700, `${ms} ms`);
    await api.closed[0];
    await gh.close();
  });

  it('does not start a backoff that would end after the deadline', async () => {
    const api = await server((_req, res) => json(res, 502, { message: 'bad gateway' }));
    const gh = github(api.origin, { GITHUB_RETRY: '5' });
    await warm(gh, api);
    // Attempt 1 at 0, backoff 500 ms, attempt 2 at ~500; the next backoff (1 s) cannot fit in 700 ms.
    const { error, ms } = await failure({ timeoutMs: 700 }, () => runWith(gh, (o) => o.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })));
    assert.equal(error.kind, 'deadline');
    assert.match(error.message, /after 2 attempts at GET \/repos\/o\/r\. The last attempt failed \(status 502\)\./);
    assert.ok(ms < 680, `${ms} ms`);
    assert.equal(api.seen.length, 2);
    await gh.close();
  });

  it('does not start a rate-limit wait that would end after the deadline; GitHub\'s answer says when to come back', async () => {
    const api = await server((_req, res) => json(res, 403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '5' }));
    const gh = github(api.origin);
    await warm(gh, api);
    const started = Date.now();
    const error = await runInCallScope({ label: 'list_issues', timeoutMs: 2000 }, () => runWith(gh, (o) => o.request('GET /user'))).catch((e: unknown) => e);
    assert.ok(Date.now() - started < 500);
    const mapped = toGitHubError(error);
    assert.equal(mapped.kind, 'rate_limited');
    assert.equal(mapped.details.retryAfterSeconds, 5);
    assert.equal(api.seen.length, 1);
    await gh.close();
  });
});

describe('pacing inside a call', () => {
  it('does not start a pacing wait that would end after the deadline', async () => {
    const pacer = createPacer({ secondsBetweenRequests: 1, secondsBetweenWrites: 0 });
    const { error, ms } = await failure({ timeoutMs: 500 }, async () => {
      await pacer.wait(false);
      await pacer.wait(false);
    });
    assert.equal(error.kind, 'deadline');
    assert.ok(ms < 200, `${ms} ms`);
  });
});

describe('cancellation', () => {
  it('aborts the in-flight socket and retries nothing', async () => {
    const api = await server(hang);
    const gh = github(api.origin, { GITHUB_RETRY: '3' });
    await warm(gh, api);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error, ms } = await failure({ timeoutMs: 5000, signal: controller.signal }, () => runWith(gh, (o) => o.request('GET /user')));
    assert.equal(error.kind, 'cancelled');
    assert.equal(error.message, 'list_issues was cancelled after 1 attempt at GET /user; nothing more was sent.');
    assert.ok(ms < 400, `${ms} ms`);
    await api.closed[0]; // the server saw the socket go
    await sleep(700);
    assert.equal(api.seen.length, 1);
    await gh.close();
  });

  it('says a write already sent may have been applied, and never sends it again', async () => {
    const api = await server(hang);
    const gh = github(api.origin);
    await warm(gh, api);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error } = await failure({ label: 'create_issue', timeoutMs: 5000, signal: controller.signal }, () =>
      runWith(gh, (o) => o.request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' })),
    );
    assert.equal(error.kind, 'cancelled');
    assert.match(error.message, /POST \/repos\/o\/r\/issues had already been sent, so GitHub may have applied it/);
    await sleep(300);
    assert.equal(api.seen.length, 1);
    await gh.close();
  });

  it('ends a rate-limit wait at once', async () => {
    const api = await server((_req, res) => json(res, 429, { message: 'slow down' }, { 'retry-after': '3' }));
    const gh = github(api.origin);
    await warm(gh, api);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const { error, ms } = await failure({ timeoutMs: 10_000, signal: controller.signal }, () =>
      runWith(gh, (o) => o.request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' })),
    );
    assert.equal(error.kind, 'cancelled');
    assert.ok(ms < 500, `${ms} ms`);
    await sleep(300);
    assert.equal(api.seen.length, 1);
    await gh.close();
  });

  it('ends a pacing wait at once, and does not claim that a write never sent may have been applied', async () => {
    const api = await server((_req, res) => json(res, 201, { id: 1 }));
    const gh = github(api.origin, { GITHUB_SECONDS_BETWEEN_WRITES: '2' });
    await warm(gh, api);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const create = (o: Awaited<ReturnType<GitHub['client']>>) => o.request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' });
    const { error, ms } = await failure({ label: 'create_issue', timeoutMs: 10_000, signal: controller.signal }, () =>
      runWith(gh, async (o) => {
        await create(o);
        await create(o); // waits 2 s for its write slot
      }),
    );
    assert.equal(error.message, 'create_issue was cancelled after 1 attempt at POST /repos/o/r/issues; nothing more was sent.');
    assert.ok(ms < 600, `${ms} ms`);
    assert.equal(api.seen.length, 1);
    await gh.close();
  });

  it('stops one call waiting on shared minting, without failing another call that waits on it too', async () => {
    const api = await server((_req, res) => json(res, 200, { login: 'octocat' }));
    const cfg = config(api.origin);
    const clock = new GitHubClock();
    const transport = createTransport(cfg, clock);
    let minting: Promise<string> | undefined;
    let scopeWhileMinting: unknown = 'unset';
    const auth: AuthStrategy = {
      method: 'app_installation',
      // As InstallationTokens does: one pending mint, shared by whoever asks meanwhile.
      authorization: () =>
        (minting ??= (async () => {
          scopeWhileMinting = currentCallScope();
          await sleep(300);
          return 'token minted';
        })()),
      invalidate: async () => false,
      facts: () => ({ method: 'app_installation', pygithubClass: 'Auth.AppInstallationAuth' }),
    };
    const octokit = createOctokit({ config: cfg, transport, log: silentLogger, pacer: createPacer(cfg), clock }, auth);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const [a, b] = await Promise.allSettled([
      runInCallScope({ label: 'a', timeoutMs: 5000, signal: controller.signal }, () => octokit.request('GET /user')),
      runInCallScope({ label: 'b', timeoutMs: 5000 }, () => octokit.request('GET /user')),
    ]);
    assert.equal(a.status, 'rejected');
    assert.equal((a as PromiseRejectedResult).reason.kind, 'cancelled');
    assert.equal(b.status, 'fulfilled');
    assert.equal(scopeWhileMinting, undefined);
    assert.equal(api.seen.length, 1);
    assert.equal(api.seen[0].headers.authorization, 'token minted');
    await transport.close();
  });

  it('stops the 401 refresh retry when the call was cancelled during the refresh', async () => {
    const api = await server((_req, res) => json(res, 401, { message: 'Bad credentials' }));
    const cfg = config(api.origin);
    const clock = new GitHubClock();
    const transport = createTransport(cfg, clock);
    const controller = new AbortController();
    let invalidated = 0;
    const auth: AuthStrategy = {
      method: 'token',
      authorization: async () => 'token abc',
      invalidate: async () => {
        invalidated++;
        controller.abort();
        return true;
      },
      facts: () => ({ method: 'token', pygithubClass: 'Auth.Token' }),
    };
    const octokit = createOctokit({ config: cfg, transport, log: silentLogger, pacer: createPacer(cfg), clock }, auth);
    const { error } = await failure({ label: 'update_issue', timeoutMs: 5000, signal: controller.signal }, () =>
      octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner: 'o', repo: 'r', issue_number: 1, title: 'x' }),
    );
    assert.equal(error.kind, 'cancelled');
    assert.equal(invalidated, 1);
    await sleep(100);
    assert.equal(api.seen.length, 1);
    await transport.close();
  });
});

async function runWith<T>(gh: ReturnType<typeof github>, fn: (octokit: Awaited<ReturnType<ReturnType<typeof github>['client']>>) => Promise<T>): Promise<T> {
  return fn(await gh.client());
}
