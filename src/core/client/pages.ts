/** One page of a list, with whether GitHub says there is another (from the Link header). A type, not an interface, so it is a plain record to tool results. */
export type Page<T> = {
  items: T[];
  page: number;
  perPage: number;
  hasNextPage: boolean;
  totalCount?: number;
};

function hasNextLink(link: string | undefined): boolean {
  return typeof link === 'string' && /rel="next"/.test(link);
}

/** `items` is undefined when GitHub sent no list at all; the caller's output check reports that rather than claim an empty page. */
export function toPage<T>(items: T[] | undefined, response: { headers: { link?: string } }, page: number, perPage: number, totalCount?: number): Page<T> {
  return { items: items as T[], page, perPage, hasNextPage: hasNextLink(response.headers.link), ...(totalCount !== undefined ? { totalCount } : {}) };
}
