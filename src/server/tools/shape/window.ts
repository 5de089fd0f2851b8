import { z } from 'zod';
import { truncate } from './common';

/*
 * Large text (file contents, diffs) is read in windows of lines: the caller says where to
 * start and how many lines it wants, and the answer says what remains, so an agent can read
 * a long file or diff in parts instead of losing its tail to a cut.
 */

export const lineWindowInput = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).optional(),
};

export const lineWindowSchema = z.object({
  offset: z.number().int(),
  lines: z.number().int().describe('Lines returned'),
  totalLines: z.number().int(),
  nextOffset: z.number().int().optional().describe('Where the next window starts; absent at the end'),
});

export type LineWindow = z.output<typeof lineWindowSchema>;

/** Lines [offset, offset + limit) of `text`, at most `maxChars` characters of whole lines (a single longer line is cut). */
export function windowLines(text: string, offset: number, limit: number | undefined, maxChars: number): { text: string; window: LineWindow } {
  const all = text === '' ? [] : text.split(/(?<=\n)/);
  const wanted = all.slice(offset, limit === undefined ? undefined : offset + limit);
  let used = 0;
  let count = 0;
  while (count < wanted.length && used + wanted[count].length <= maxChars) used += wanted[count++].length;
  let body = wanted.slice(0, count).join('');
  if (count === 0 && wanted.length > 0) {
    body = truncate(wanted[0], maxChars).text;
    count = 1;
  }
  const next = offset + count;
  return { text: body, window: { offset, lines: count, totalLines: all.length, ...(next < all.length ? { nextOffset: next } : {}) } };
}
