import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeState, expiryWords, summarize, tooltipLines } from '../../../src/extension/views/accountSummary';
import { appLabel } from '../../../src/extension/mcp/identity';

const apiUrl = 'https://api.github.com';

describe('Accounts row text', () => {
  it('names each identity as its server, and says who it acts as and with what', () => {
    const pat = summarize({ kind: 'pat', key: 'pat', apiUrl, login: 'octocat', token: 'github_pat_x' });
    assert.deepEqual([pat.label, pat.actsAs, pat.credential], ['GitHub PAT (octocat)', 'octocat', 'fine-grained personal access token']);
    const app = summarize({ kind: 'app', key: 'app:1', apiUrl, appId: 1, name: 'Sim App', slug: 'sim-app', privateKey: 'k', installationId: 7 });
    assert.equal(app.label, appLabel({ slug: 'sim-app', name: 'Sim App', id: 1 }));
    assert.equal(app.label, 'GitHub App (sim-app)');
    assert.match(app.actsAs, /installation 7/);
    const netrc = summarize({ kind: 'netrc', key: 'netrc', apiUrl });
    assert.equal(netrc.label, 'GitHub netrc');
    for (const summary of [pat, app, netrc]) assert.doesNotMatch(JSON.stringify(summary), /github_pat_x|"k"/, 'a secret in the summary');
  });

  it('puts state in the description and tooltip, never in the label', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const user = summarize({ kind: 'appUser', key: 'appUser', apiUrl, login: 'octocat', clientId: 'c', token: 'ghu_x', expiresAt: '2026-01-01T08:00:00Z' });
    assert.equal(user.label, 'GitHub App user (octocat)');
    assert.equal(describeState(user, { readOnly: true, running: true }, now), 'running · read-only · expires in 8 h');
    assert.equal(describeState(user, { readOnly: false, running: false, check: { ok: false, error: 'no', at: now } }, now), 'check failed · stopped · expires in 8 h');
    assert.ok(tooltipLines(user, { readOnly: false, running: false, check: { ok: true, actor: 'octocat', at: now } }, now).some((line) => line.startsWith('Last check: OK, acting as octocat')));
    assert.equal(expiryWords('2025-12-31T00:00:00Z', now), 'expired');
    assert.equal(expiryWords('2026-01-01T00:30:00Z', now), 'expires in 30 min');
  });
});
