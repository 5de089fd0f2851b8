import type { Progress } from './defineTool';

interface ListPage<T> {
  data: T[];
  headers: { link?: string };
}

/**
 * Every item of a paged list, read page by page (Octokit's paginate.iterator), at most
 * `maxPages` pages. Each page read is a progress report; the total comes from the first
 * page's Link header (rel="last"), so a client can show how far the collection is.
 */
export async function collectPages<T>(pages: AsyncIterable<ListPage<T>>, progress: Progress, what: string, maxPages = 10): Promise<T[]> {
  const items: T[] = [];
  let total: number | undefined;
  let read = 0;
  for await (const page of pages) {
    read++;
    total ??= Math.min(maxPages, lastPage(page.headers.link) ?? read);
    items.push(...page.data);
    progress(read, Math.max(total, read), `read page ${read} of ${what}`);
    if (read >= maxPages) break;
  }
  return items;
}

function lastPage(link: string | undefined): number | undefined {
  const match = link && /<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(link);
  return match ? Number(match[1]) : undefined;
}
