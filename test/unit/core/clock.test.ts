import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GitHubClock } from '../../../src/core/clock';

const BASE = Date.parse('2030-03-01T12:00:00.000Z');

function controlled(start = BASE) {
  let local = start;
  const clock = new GitHubClock(() => local);
  return {
    clock,
    set: (ms: number) => {
      local = ms;
    },
  };
}

const header = (ms: number) => new Date(ms).toUTCString();

describe('GitHubClock', () => {
  it('starts with no offset and follows the local clock', () => {
    const { clock, set } = controlled();
    assert.equal(clock.offsetMs, 0);
    assert.equal(clock.now(), BASE);
    set(BASE + 1234);
    assert.equal(clock.now(), BASE + 1234);
    assert.equal(clock.nowSeconds(), Math.floor((BASE + 1234) / 1000));
  });

  it('learns a server clock ahead of ours', () => {
    const { clock } = controlled();
    clock.observe(header(BASE + 30_000));
    assert.equal(clock.offsetMs, 30_000);
    assert.equal(clock.now(), BASE + 30_000);
    assert.equal(clock.nowSeconds(), BASE / 1000 + 30);
  });

  it('learns a server clock behind ours', () => {
    const { clock } = controlled();
    clock.observe(header(BASE - 90_000));
    assert.equal(clock.offsetMs, -90_000);
    assert.equal(clock.now(), BASE - 90_000);
  });

  it('keeps the offset as local time moves on', () => {
    const { clock, set } = controlled();
    clock.observe(header(BASE + 10_000));
    set(BASE + 5_000);
    assert.equal(clock.now(), BASE + 15_000);
  });

  it('ignores differences under 2 s (Date header rounding)', () => {
    const { clock, set } = controlled(BASE + 999);
    clock.observe(header(BASE));
    assert.equal(clock.offsetMs, 0);
    set(BASE);
    clock.observe(header(BASE + 1000));
    assert.equal(clock.offsetMs, 0);
  });

  it('takes a difference of exactly 2 s', () => {
    const { clock } = controlled();
    clock.observe(header(BASE + 2000));
    assert.equal(clock.offsetMs, 2000);
  });

  it('keeps a learned offset when a later header differs from it by under 2 s', () => {
    const { clock } = controlled();
    clock.observe(header(BASE + 60_000));
    clock.observe(header(BASE + 61_000));
    assert.equal(clock.offsetMs, 60_000);
    clock.observe(header(BASE + 59_000));
    assert.equal(clock.offsetMs, 60_000);
  });

  it('replaces a learned offset when the server moves by 2 s or more', () => {
    const { clock } = controlled();
    clock.observe(header(BASE + 60_000));
    clock.observe(header(BASE));
    assert.equal(clock.offsetMs, 0);
  });

  it('ignores missing and unparseable Date headers', () => {
    const { clock } = controlled();
    clock.observe(header(BASE + 45_000));
    for (const bad of [undefined, null, '', 'not a date', 'Mon, 99 Foo 20xx']) {
      clock.observe(bad);
      assert.equal(clock.offsetMs, 45_000, String(bad));
    }
  });

  it('defaults to Date.now', () => {
    const clock = new GitHubClock();
    const before = Date.now();
    const now = clock.now();
    assert.ok(now >= before && now <= Date.now());
  });
});
