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
