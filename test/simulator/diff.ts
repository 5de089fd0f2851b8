// A small unified-diff writer. It trims the common head and tail and emits a
// single hunk with three lines of context: always a valid patch, though not
// always the minimal one git would print. Good enough for fixtures and tests.

export interface Patch {
  patch: string;
  additions: number;
  deletions: number;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function range(start: number, count: number): string {
  // Unified-diff convention: an empty range is written "<line before>,0".
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

export function unifiedPatch(oldText: string, newText: string): Patch {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  if (removed.length === 0 && added.length === 0) return { patch: '', additions: 0, deletions: 0 };

  const context = 3;
  const before = a.slice(Math.max(0, head - context), head);
  const after = a.slice(a.length - tail, Math.min(a.length, a.length - tail + context));
  const oldStart = head - before.length + 1;
  const oldCount = before.length + removed.length + after.length;
  const newCount = before.length + added.length + after.length;
  const lines = [
    `@@ -${range(oldStart, oldCount)} +${range(oldStart, newCount)} @@`,
    ...before.map((l) => ` ${l}`),
    ...removed.map((l) => `-${l}`),
    ...added.map((l) => `+${l}`),
    ...after.map((l) => ` ${l}`),
  ];
  return { patch: lines.join('\n'), additions: added.length, deletions: removed.length };
}
