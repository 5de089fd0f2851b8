import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statusText } from '../../../src/extension/ui/statusText';
import { RateLimits } from '../../../src/extension/github/rateLimits';

const time = (seconds: number) => `t${seconds}`;
const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;

describe('status bar text', () => {
  it('shows identities, running servers, read-only and the lowest rate limit with its reset', () => {
    assert.equal(statusText({ identities: 0, running: 0, readOnly: false }, time), '$(github) No GitHub account');
    assert.equal(statusText({ identities: 1, running: 0, readOnly: false }, time), '$(github) 1 account');
    assert.equal(
      statusText({ identities: 3, running: 2, readOnly: true, lowest: { label: 'x', limit: 5000, remaining: 42, reset: 99 } }, time),
      '$(github) 3 accounts · 2 running · $(lock) read-only · 42/5000 until t99',
    );
    assert.equal(statusText({ identities: 3, running: 2, readOnly: true, busy: 'Restarting…' }, time), '$(sync~spin) Restarting…');
  });
});

describe('RateLimits', () => {
  it('reads nothing until asked, shares one fetch, and picks the lowest share left', async () => {
    let fetches = 0;
    const limits = new RateLimits(async () => {
      fetches++;
      return [
        { label: 'a', limit: 5000, remaining: 900, reset: 1 },
        undefined,
        { label: 'b', limit: 60, remaining: 30, reset: 2 },
      ];
    }, silent);
    assert.equal(fetches, 0);
    assert.equal(limits.lowest(), undefined);
    await Promise.all([limits.refresh(), limits.refresh()]);
    assert.equal(fetches, 1);
    assert.equal(limits.lowest()?.label, 'a', '900/5000 is a lower share than 30/60');
    assert.equal(limits.all().length, 2, 'an identity that failed is left out');
    limits.refreshIfStale();
    assert.equal(fetches, 1, 'fresh values are not fetched again');
    limits.dispose();
  });

  it('keeps the last values when a fetch fails', async () => {
    let fail = false;
    const limits = new RateLimits(async () => {
      if (fail) throw new Error('offline');
      return [{ label: 'a', limit: 10, remaining: 5, reset: 1 }];
    }, silent, 0);
    await limits.refresh();
    fail = true;
    await limits.refresh();
    assert.equal(limits.lowest()?.remaining, 5);
    limits.dispose();
  });
});
