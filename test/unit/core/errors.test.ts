import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RequestError } from '@octokit/request-error';
import { toGitHubError } from '../../../src/core/client/errors';
import { GitHubError } from '../../../src/core/errors';
import { Secret } from '../../../src/core/secret';
import { fakeToken } from './helpers';

const REPO_URL = 'https://api.github.com/repos/octo/hello';
const DOCS = 'https://docs.github.com/rest';

interface GitHubBody {
  message: string;
  errors?: unknown[];
  documentation_url?: string;
}

/** A RequestError as @octokit/request throws it for an HTTP error response (same message format). */
function httpError(status: number, body: GitHubBody | string, headers: Record<string, string> = {}, request: { method?: string; url?: string } = {}) {
  const message =
    typeof body === 'string'
      ? body
      : `${body.message}${Array.isArray(body.errors) ? `: ${body.errors.map((e) => JSON.stringify(e)).join(', ')}` : ''}${body.documentation_url ? ` - ${body.documentation_url}` : ''}`;
  const url = request.url ?? REPO_URL;
  return new RequestError(message, status, {
    request: { method: (request.method ?? 'GET') as 'GET', url, headers: { authorization: 'token ' + fakeToken('ghp_') } },
    response: { status, url, headers: { 'content-type': 'application/json', ...headers }, data: body },
  });
}

/** A RequestError as @octokit/request throws it when fetch itself fails (no response). */
function fetchFailure(message: string, cause: unknown) {
  const error = new RequestError(message, 500, { request: { method: 'GET', url: REPO_URL, headers: {} } });
  (error as { cause?: unknown }).cause = cause;
  return error;
}

describe('toGitHubError: HTTP statuses', () => {
  it('401 → auth, asking to re-authenticate', () => {
    const e = toGitHubError(httpError(401, { message: 'Bad credentials', documentation_url: DOCS }));
    assert.ok(e instanceof GitHubError);
    assert.equal(e.kind, 'auth');
    assert.equal(e.details.status, 401);
    assert.equal(e.details.documentationUrl, DOCS);
    assert.match(e.message, /401: Bad credentials/);
    assert.match(e.message, /Re-authenticate/);
  });

  it('403 without rate-limit signs → permission, naming the request', () => {
    const e = toGitHubError(httpError(403, { message: 'Resource not accessible by integration' }, { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '1900000000' }));
    assert.equal(e.kind, 'permission');
    assert.equal(e.details.status, 403);
    assert.match(e.message, /GET \/repos\/octo\/hello/);
    assert.match(e.message, /Resource not accessible by integration/);
  });

  it('403 with x-ratelimit-remaining: 0 → primary rate limit with the ISO reset time', () => {
    const reset = 1_900_000_000;
    const e = toGitHubError(
      httpError(403, { message: 'API rate limit exceeded for user ID 1.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }),
    );
    const iso = new Date(reset * 1000).toISOString();
    assert.equal(e.kind, 'rate_limited');
    assert.match(e.message, /primary rate limit/);
    assert.ok(e.message.includes(iso), e.message);
    assert.equal(e.details.rateLimitReset, iso);
    assert.equal(e.details.retryAfterSeconds, undefined);
  });

  it('403 with retry-after → secondary rate limit with the wait', () => {
    const e = toGitHubError(
      httpError(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '60', 'x-ratelimit-remaining': '4000' }),
    );
    assert.equal(e.kind, 'rate_limited');
    assert.match(e.message, /secondary rate limit/);
    assert.match(e.message, /Retry after 60 s/);
    assert.equal(e.details.retryAfterSeconds, 60);
  });

  it('403 secondary rate limit recognised by message alone', () => {
    const e = toGitHubError(httpError(403, { message: 'You have exceeded a secondary rate limit.' }));
    assert.equal(e.kind, 'rate_limited');
    assert.match(e.message, /secondary rate limit/);
  });

  it('429 → rate limited', () => {
    const e = toGitHubError(httpError(429, { message: 'Too Many Requests' }, { 'retry-after': '5' }));
    assert.equal(e.kind, 'rate_limited');
    assert.equal(e.details.status, 429);
    assert.equal(e.details.retryAfterSeconds, 5);
    assert.match(e.message, /Retry after 5 s/);
  });

  it('404 names the request path', () => {
    const e = toGitHubError(httpError(404, { message: 'Not Found' }));
    assert.equal(e.kind, 'not_found');
    assert.match(e.message, /^GET \/repos\/octo\/hello was not found \(404\)/);
  });

  it('404 names the resource string the caller gives', () => {
    const e = toGitHubError(httpError(404, { message: 'Not Found' }), 'repository octo/hello');
    assert.equal(e.kind, 'not_found');
    assert.match(e.message, /^Repository octo\/hello was not found \(404\)/);
  });

  it('drops /api/v3 and the query string from GHES request paths', () => {
    const e = toGitHubError(
      httpError(404, { message: 'Not Found' }, {}, { method: 'PATCH', url: 'https://ghe.example.com/api/v3/repos/o/r/issues/1?client_secret=abc123' }),
    );
    assert.match(e.message, /^PATCH \/repos\/o\/r\/issues\/1 was not found/);
    assert.ok(!e.message.includes('abc123'));
  });

  it('409 → conflict', () => {
    const e = toGitHubError(httpError(409, { message: 'Git Repository is empty.' }), 'the branch list');
    assert.equal(e.kind, 'conflict');
    assert.match(e.message, /Conflict for the branch list \(409: Git Repository is empty\.\)/);
  });

  it('422 lists field errors as resource.field code', () => {
    const errors = [
      { resource: 'Issue', field: 'title', code: 'missing_field' },
      { resource: 'Label', field: 'name', code: 'already_exists', message: 'name already exists' },
      'Head ref must be a branch',
    ];
    const e = toGitHubError(httpError(422, { message: 'Validation Failed', errors }, {}, { method: 'POST', url: `${REPO_URL}/issues` }));
    assert.equal(e.kind, 'validation');
    assert.match(e.message, /POST \/repos\/octo\/hello\/issues/);
    assert.match(e.message, /Issue\.title missing_field/);
    assert.match(e.message, /Label\.name already_exists \(name already exists\)/);
    assert.match(e.message, /Head ref must be a branch/);
    assert.deepEqual(e.details.fieldErrors, [errors[0], errors[1], { message: 'Head ref must be a branch' }]);
  });

  it('422 without field errors still says validation', () => {
    const e = toGitHubError(httpError(422, { message: 'Validation Failed' }));
    assert.equal(e.kind, 'validation');
    assert.deepEqual(e.details.fieldErrors, []);
  });

  it('422 about a field named like "timeout" is still validation, not a timeout', () => {
    // POST /user/codespaces takes idle_timeout_minutes; GitHub answered, so nothing timed out.
    const errors = [{ resource: 'Codespace', field: 'idle_timeout_minutes', code: 'invalid' }];
    const e = toGitHubError(httpError(422, { message: 'Validation Failed', errors }, {}, { method: 'POST', url: 'https://api.github.com/user/codespaces' }));
    assert.equal(e.kind, 'validation');
    assert.match(e.message, /Codespace\.idle_timeout_minutes invalid/);
  });

  for (const status of [500, 502, 503]) {
    it(`${status} with a response → server`, () => {
      const e = toGitHubError(httpError(status, { message: 'Server Error' }));
      assert.equal(e.kind, 'server');
      assert.equal(e.details.status, status);
      assert.match(e.message, new RegExp(`${status}: Server Error`));
      assert.match(e.message, /Try again/);
    });
  }

  it('an unexpected status → unknown', () => {
    const e = toGitHubError(httpError(418, { message: "I'm a teapot" }));
    assert.equal(e.kind, 'unknown');
    assert.match(e.message, /418/);
  });

  it('strips octokit\'s documentation suffix when there is no response body message', () => {
    const error = new RequestError(`Not Found - ${DOCS}`, 410, { request: { method: 'GET', url: REPO_URL, headers: {} }, response: { status: 410, url: REPO_URL, headers: {}, data: '' } });
    const e = toGitHubError(error);
    assert.ok(!e.message.includes(DOCS));
    assert.match(e.message, /Not Found/);
  });
});

describe('toGitHubError: transport failures', () => {
  it('a fetch timeout (TimeoutError cause) → timeout', () => {
    const cause = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const e = toGitHubError(fetchFailure(cause.message, cause));
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /GITHUB_TIMEOUT/);
    assert.match(e.message, /GET \/repos\/octo\/hello/);
  });

  it('an error named TimeoutError → timeout', () => {
    const e = toGitHubError(Object.assign(new Error('slow'), { name: 'TimeoutError' }), 'the issue list');
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /the issue list/);
  });

  it('a DNS failure (status 500, no response) → network with the error code', () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), { code: 'ENOTFOUND' }) });
    const e = toGitHubError(fetchFailure('getaddrinfo ENOTFOUND api.github.com', cause));
    assert.equal(e.kind, 'network');
    assert.match(e.message, /ENOTFOUND/);
    assert.match(e.message, /GITHUB_API_URL/);
  });

  it('an error with no status → network', () => {
    const e = toGitHubError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    assert.equal(e.kind, 'network');
    assert.match(e.message, /socket hang up/);
    assert.match(e.message, /the request/);
  });

  it('non-error values become network errors', () => {
    assert.equal(toGitHubError(undefined).kind, 'network');
    assert.equal(toGitHubError('boom').kind, 'network');
  });

  it('passes a GitHubError through unchanged', () => {
    const original = new GitHubError('config', 'pin an installation');
    assert.equal(toGitHubError(original), original);
  });

  it('unwraps the GitHubError the transport threw from Octokit\'s RequestError (status 500, cause)', () => {
    for (const kind of ['too_large', 'deadline', 'cancelled', 'permission', 'validation'] as const) {
      const original = new GitHubError(kind, `the transport refused (${kind})`);
      assert.equal(toGitHubError(fetchFailure(original.message, original)), original);
    }
  });
});

describe('toGitHubError: redaction', () => {
  it('a token inside GitHub\'s 401 message does not survive', () => {
    const token = fakeToken('ghp_');
    const e = toGitHubError(httpError(401, { message: `Bad credentials for ${token}` }));
    assert.ok(!e.message.includes(token));
    assert.match(e.message, /\[redacted\]/);
  });

  it('a token in 403, 409, 5xx and unknown-status messages does not survive', () => {
    const token = fakeToken('ghs_');
    for (const status of [403, 409, 502, 418]) {
      const e = toGitHubError(httpError(status, { message: `echo: token ${token}` }));
      assert.ok(!e.message.includes(token), String(status));
    }
  });

  it('a token inside 422 field errors does not survive', () => {
    const token = fakeToken('github_pat_');
    const e = toGitHubError(httpError(422, { message: 'Validation Failed', errors: [{ resource: 'Secret', field: 'value', code: 'invalid', message: `bad value ${token}` }] }));
    assert.ok(!e.message.includes(token));
  });

  it('a registered secret with no recognisable shape does not survive', () => {
    const password = 'plain words ' + Math.random().toString(36).slice(2);
    new Secret(password);
    const e = toGitHubError(httpError(401, { message: `Invalid password ${password}` }));
    assert.ok(!e.message.includes(password));
  });

  it('a secret in a network error cause does not survive', () => {
    const token = fakeToken('ghp_');
    const e = toGitHubError(Object.assign(new Error(`connect failed with ${token}`), {}));
    assert.equal(e.kind, 'network');
    assert.ok(!e.message.includes(token));
  });
});
