import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pager } from '../../../src/extension/views/pager';

describe('Pager (tree pagination)', () => {
  it('loads page after page until GitHub says there is no next one', async () => {
    const pages: number[] = [];
    const pager = new Pager(async (page) => {
      pages.push(page);
      return { items: [page * 10, page * 10 + 1], hasNextPage: page < 3 };
    });
    assert.equal(pager.started, false);
    await pager.loadNext();
    await pager.loadNext();
    assert.equal(pager.hasMore, true);
    await pager.loadNext();
    assert.equal(pager.hasMore, false);
    await pager.loadNext();
    assert.deepEqual(pages, [1, 2, 3]);
    assert.deepEqual(pager.items, [10, 11, 20, 21, 30, 31]);
  });

  it('keeps loaded items on a failed page and retries the same page', async () => {
    let fail = false;
    const pages: number[] = [];
    const pager = new Pager(async (page) => {
      pages.push(page);
      if (fail) throw new Error('boom');
      return { items: [page], hasNextPage: true };
    });
    await pager.loadNext();
    fail = true;
    await assert.rejects(pager.loadNext(), /boom/);
    assert.ok(pager.error);
    assert.deepEqual(pager.items, [1]);
    fail = false;
    await pager.loadNext();
    assert.equal(pager.error, undefined);
    assert.deepEqual(pages, [1, 2, 2]);
  });

  it('shares one fetch between concurrent requests for the next page', async () => {
    let calls = 0;
    const pager = new Pager(async () => {
      calls++;
      return { items: [1], hasNextPage: false };
    });
    await Promise.all([pager.loadNext(), pager.loadNext()]);
    assert.equal(calls, 1);
  });
});
