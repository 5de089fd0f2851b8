import { describeError } from '../errorText';
import { EmptyNode } from './emptyNode';
import { ErrorNode } from './errorNode';
import { LoadingNode } from './loadingNode';
import { LoadMoreNode } from './loadMoreNode';
import type { TreeNode, TreeRefresher } from './node';
import { Pager, type FetchedPage } from './pager';

/**
 * Children shared by App nodes (installations) and installation nodes (repositories):
 * the first page on expand, then "Load more…", a loading row while a page is on its way,
 * an error row with retry, and an empty row.
 */
export class PagedChildren<T extends TreeNode> {
  pager: Pager<T>;
  /** Why the last reload failed; the loaded rows stay and the owner row shows this. */
  reloadError: unknown;
  reloading = false;

  constructor(
    private readonly owner: TreeNode,
    private readonly tree: TreeRefresher,
    private readonly fetch: (page: number, perPage: number) => Promise<FetchedPage<T>>,
    private readonly emptyText: string,
  ) {
    this.pager = this.#newPager();
  }

  #newPager(): Pager<T> {
    return new Pager((page) => this.fetch(page, this.tree.perPage));
  }

  async children(): Promise<TreeNode[]> {
    if (!this.pager.started && !this.pager.loading) await this.pager.loadNext().catch(() => undefined);
    const rows: TreeNode[] = [...this.pager.items];
    if (this.pager.loading) rows.push(new LoadingNode(this.owner));
    else if (this.pager.error) rows.push(new ErrorNode(this.owner, describeError(this.pager.error), () => this.loadMore()));
    else if (this.pager.hasMore) rows.push(new LoadMoreNode(this.owner, () => this.loadMore()));
    else if (rows.length === 0) rows.push(new EmptyNode(this.owner, this.emptyText));
    return rows;
  }

  /** Shows a loading row at once, then the new page (or an error row); also retries a failed page. */
  async loadMore(): Promise<void> {
    const loading = this.pager.loadNext().catch(() => undefined);
    this.tree.refresh(this.owner);
    await loading;
    this.tree.refresh(this.owner);
  }

  reset(): void {
    this.pager.reset();
    this.reloadError = undefined;
  }

  /**
   * Loads the first page again; the loaded rows stay until it arrives, and stay if it fails
   * (then `reloadError` marks the owner). A list never loaded, or only an error, just restarts.
   */
  async reload(): Promise<void> {
    if (this.reloading) return;
    if (this.pager.items.length === 0) {
      this.reset();
      this.tree.refresh(this.owner);
      return;
    }
    const fresh = this.#newPager();
    this.reloading = true;
    this.tree.refresh(this.owner);
    try {
      await fresh.loadNext();
      this.pager = fresh;
      this.reloadError = undefined;
    } catch (error) {
      this.reloadError = error;
    } finally {
      this.reloading = false;
      this.tree.refresh(this.owner);
    }
  }
}
