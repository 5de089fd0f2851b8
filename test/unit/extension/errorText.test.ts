import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeNetworkFailure, toGitHubError } from '../../../src/core/client/errors';
import { GitHubError } from '../../../src/core/errors';
import { describeError, isCancellation } from '../../../src/extension/errorText';

/** What Octokit throws when fetch fails: a RequestError with status 500, no response, and fetch's error as cause. */
function fetchFailure(cause: unknown): Error {
  return Object.assign(new Error('fetch failed'), { name: 'HttpError', status: 500, request: { method: 'GET', url: 'http://127.0.0.1:9/user' }, cause });
}
const systemError = (code: string, message = `connect ${code} 127.0.0.1:9`) => Object.assign(new Error(message), { code });

describe('network failures', () => {
  it('are called what they are, not "500"', () => {
    assert.equal(describeNetworkFailure(fetchFailure(systemError('ECONNREFUSED'))), 'the connection was refused (ECONNREFUSED)');
    assert.equal(describeNetworkFailure(fetchFailure(systemError('ENOTFOUND'))), 'the host name did not resolve (ENOTFOUND)');
    assert.equal(describeNetworkFailure(fetchFailure(Object.assign(new Error('request failed'), { cause: systemError('ECONNRESET') }))), 'the connection was reset (ECONNRESET)');
    assert.match(describeNetworkFailure(fetchFailure(systemError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'))), /TLS certificate was not accepted \(SELF_SIGNED_CERT_IN_CHAIN\)/);
    assert.match(describeNetworkFailure(fetchFailure(systemError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))), /TLS certificate/);
    assert.equal(describeNetworkFailure(fetchFailure(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }))), 'the request timed out');
  });

  it('are typed network errors carrying the cause, and the extension names its settings', () => {
    const mapped = toGitHubError(fetchFailure(systemError('ECONNREFUSED')));
    assert.equal(mapped.kind, 'network');
    assert.equal(mapped.details.status, undefined);
    assert.equal(mapped.details.networkCause, 'the connection was refused (ECONNREFUSED)');
    const text = describeError(fetchFailure(systemError('ECONNREFUSED')));
    assert.match(text, /connection was refused \(ECONNREFUSED\)/);
    assert.match(text, /pygithubMcp\.apiUrl/);
    assert.match(text, /pygithubMcp\.verify/);
    assert.doesNotMatch(text, /GITHUB_|500/);
  });

  it('a timeout names pygithubMcp.timeout', () => {
    assert.match(describeError(new GitHubError('timeout', 'GitHub did not answer in time. Raise GITHUB_TIMEOUT.')), /pygithubMcp\.timeout/);
  });

  it('a real 500 from GitHub stays a server error', () => {
    const error = Object.assign(new Error('oops'), { status: 500, request: { method: 'GET', url: 'https://api.github.com/user' }, response: { headers: {}, data: { message: 'oops' } } });
    assert.equal(toGitHubError(error).kind, 'server');
  });
});

describe('isCancellation', () => {
  it('recognises a declined sign-in and VS Code\'s CancellationError', () => {
    assert.ok(isCancellation(new Error('User did not consent to login.')));
    assert.ok(isCancellation(Object.assign(new Error('Canceled'), { name: 'Canceled' })));
    assert.ok(isCancellation(new Error('Cancelled')));
  });

  it('does not swallow real failures', () => {
    assert.ok(!isCancellation(new Error('GitHub rejected the credentials (401: Bad credentials).')));
    assert.ok(!isCancellation(new Error('The request was cancelled by the server because it took too long to complete')));
    assert.ok(!isCancellation(undefined));
    assert.ok(!isCancellation('Canceled'));
  });
});
