import { ghError } from './errors';
import { queryInt, type Ctx } from './context';

// page/per_page slicing and GitHub's Link header: absolute URLs on the
// request's host, relations in GitHub's order (prev, next, last, first).

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
}

export function pageParams(ctx: Ctx, defaultPerPage = 30): { page: number; perPage: number } {
  const perPage = Math.min(100, Math.max(1, queryInt(ctx, 'per_page', defaultPerPage)));
  const page = queryInt(ctx, 'page', 1);
  if (page < 1) throw ghError(422, 'Pagination with the page parameter is not supported for page < 1.');
  return { page, perPage };
}

function pageUrl(ctx: Ctx, page: number): string {
  const query = new URLSearchParams(ctx.query);
  query.delete('page');
  query.append('page', String(page));
  return `${ctx.apiBase}${ctx.path}?${query.toString()}`;
}

/** Slices `all` for the requested page and sets the Link header when there is more than one page. */
export function paginate<T>(ctx: Ctx, all: T[], defaultPerPage = 30): T[] {
  const { page, perPage } = pageParams(ctx, defaultPerPage);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(ctx, Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) links.push(`<${pageUrl(ctx, page + 1)}>; rel="next"`, `<${pageUrl(ctx, last)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(ctx, 1)}>; rel="first"`);
  if (links.length > 0) ctx.resHeaders.link = links.join(', ');
  return all.slice((page - 1) * perPage, page * perPage);
}

// ---- cursor pagination (before/after), as GitHub's newer list endpoints page (Dependabot,
// advisories, Projects v2): `page` is refused, the cursors are opaque, Link carries prev/next.

function cursorOf(index: number): string {
  return Buffer.from(`cursor:${index}`).toString('base64url');
}

function indexOf(cursor: string): number {
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw ghError(400, 'Invalid cursor');
  return Number(match[1]);
}

export function cursorPaginate<T>(ctx: Ctx, all: T[]): T[] {
  if (ctx.query.has('page')) throw ghError(400, 'Pagination using the `page` parameter is not supported.');
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30));
  const after = ctx.query.get('after');
  const before = ctx.query.get('before');
  let start = after ? indexOf(after) : 0;
  let end = start + perPage;
  if (before) {
    end = Math.min(all.length, indexOf(before));
    start = Math.max(0, end - perPage);
  }
  const links: string[] = [];
  const link = (name: string, cursor: string, rel: string) => {
    const query = new URLSearchParams(ctx.query);
    query.delete('after');
    query.delete('before');
    query.set(name, cursor);
    links.push(`<${ctx.apiBase}${ctx.path}?${query.toString()}>; rel="${rel}"`);
  };
  if (start > 0) link('before', cursorOf(start), 'prev');
  if (end < all.length) link('after', cursorOf(end), 'next');
  if (links.length > 0) ctx.resHeaders.link = links.join(', ');
  return all.slice(start, end);
}
