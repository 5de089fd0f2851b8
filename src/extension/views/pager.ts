/**
 * One paginated list of a tree node's children: pages load on demand ("Load more…"), a
 * failed page can be retried without losing the loaded ones, and concurrent requests for
 * the same page share one fetch.
 */
export interface FetchedPage<T> {
  items: T[];
  hasNextPage: boolean;
}

export class Pager<T> {
  items: T[] = [];
  #nextPage = 1;
  #done = false;
  #loading: Promise<void> | undefined;
  error: unknown;

  constructor(private readonly fetch: (page: number) => Promise<FetchedPage<T>>) {}

  get started(): boolean {
    return this.#nextPage > 1 || this.#done;
  }

  get hasMore(): boolean {
    return !this.#done;
  }

  get loading(): boolean {
    return this.#loading !== undefined;
  }

  /** Loads the next page; errors are kept in `error` (and rethrown) so the node can offer a retry. */
  loadNext(): Promise<void> {
    if (this.#done) return Promise.resolve();
    this.#loading ??= this.fetch(this.#nextPage)
      .then((page) => {
        this.items.push(...page.items);
        this.#nextPage++;
        this.#done = !page.hasNextPage || page.items.length === 0;
        this.error = undefined;
      })
      .catch((error: unknown) => {
        this.error = error;
        throw error;
      })
      .finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  reset(): void {
    this.items = [];
    this.#nextPage = 1;
    this.#done = false;
    this.error = undefined;
  }
}
