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
  readonly pager: Pager<T>;

  constructor(
    private readonly owner: TreeNode,
    private readonly tree: TreeRefresher,
    fetch: (page: number, perPage: number) => Promise<FetchedPage<T>>,
    private readonly emptyText: string,
  ) {
    this.pager = new Pager((page) => fetch(page, tree.perPage));
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
  }
}
