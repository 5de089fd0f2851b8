import { comparePull, pullBaseSha, pullHeadSha } from './git';
import type { Account, DiffSide, Issue, PullReviews, Repo, Review, ReviewComment, ReviewThread } from './model';
import type { World } from './world';

// Pull request reviews, review comments and threads: the state both the REST routes
// (routes/reviews.ts) and the GraphQL resolvers (graphql/) read and change.

export function reviewsOf(issue: Issue): PullReviews {
  const pull = issue.pull;
  if (!pull) throw new Error('not a pull request');
  pull.reviews ??= { reviews: [], comments: [], threads: [] };
  return pull.reviews;
}

/** A line of a file's diff that a comment can sit on: its side, its line number there, its index in the diff. */
export interface DiffLine {
  side: DiffSide;
  line: number;
  position: number;
  /** The patch from the line's hunk header down to this line (GitHub's diff_hunk). */
  hunk: string;
}

/** The commentable lines of `path` in the pull request's diff at its head; undefined when the file is not in the diff. */
export function diffLinesOf(repo: Repo, issue: Issue, path: string): DiffLine[] | undefined {
  const base = pullBaseSha(repo, issue);
  if (!base) return undefined;
  const change = comparePull(repo, base, pullHeadSha(repo, issue)).changes.find((c) => c.filename === path);
  if (!change) return undefined;
  const out: DiffLine[] = [];
  const lines = change.patch.split('\n');
  let oldLine = 0;
  let newLine = 0;
  let hunkStart = 0;
  lines.forEach((text, index) => {
    if (text.startsWith('@@')) {
      const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
      oldLine = Number(m?.[1] ?? 0);
      newLine = Number(m?.[2] ?? 0);
      hunkStart = index;
      return;
    }
    const hunk = lines.slice(hunkStart, index + 1).join('\n');
    if (text.startsWith('-')) out.push({ side: 'LEFT', line: oldLine++, position: index, hunk });
    else if (text.startsWith('+')) out.push({ side: 'RIGHT', line: newLine++, position: index, hunk });
    else {
      out.push({ side: 'LEFT', line: oldLine, position: index, hunk }, { side: 'RIGHT', line: newLine, position: index, hunk });
      oldLine++;
      newLine++;
    }
  });
  return out;
}

export interface NewComment {
  path: string;
  line: number;
  side: DiffSide;
  startLine: number | null;
  startSide: DiffSide | null;
  body: string;
}

/** Why a comment cannot be placed, as GitHub words it, or the diff line it sits on. */
export function placeComment(repo: Repo, issue: Issue, c: NewComment): DiffLine | string {
  const lines = diffLinesOf(repo, issue, c.path);
  if (!lines) return 'Path could not be resolved';
  const at = lines.find((l) => l.side === c.side && l.line === c.line);
  if (!at) return 'Line could not be resolved';
  if (c.startLine !== null) {
    const start = lines.find((l) => l.side === (c.startSide ?? c.side) && l.line === c.startLine);
    if (!start || start.position > at.position) return 'Start line could not be resolved';
  }
  return at;
}

/** Adds a comment as a new thread, or (inReplyTo) to the thread of the comment it answers. */
export function addComment(
  world: World,
  issue: Issue,
  input: { review: Review; user: Account; body: string; when: string } & ({ place: NewComment; at: DiffLine } | { inReplyTo: ReviewComment }),
): ReviewComment {
  const state = reviewsOf(issue);
  const id = world.id();
  let thread: ReviewThread;
  let fields: Pick<ReviewComment, 'path' | 'line' | 'side' | 'startLine' | 'startSide' | 'diffHunk' | 'position' | 'commitId' | 'inReplyTo'>;
  if ('inReplyTo' in input) {
    const parent = input.inReplyTo;
    thread = state.threads.find((t) => t.id === parent.threadId) as ReviewThread;
    const first = state.comments.find((c) => c.id === thread.commentIds[0]) ?? parent;
    fields = { path: first.path, line: first.line, side: first.side, startLine: first.startLine, startSide: first.startSide, diffHunk: first.diffHunk, position: first.position, commitId: first.commitId, inReplyTo: first.id };
  } else {
    const { place, at } = input;
    thread = { id: world.id(), path: place.path, line: place.line, side: place.side, startLine: place.startLine, startSide: place.startLine === null ? null : (place.startSide ?? place.side), resolvedBy: null, commentIds: [] };
    state.threads.push(thread);
    fields = { path: place.path, line: place.line, side: place.side, startLine: thread.startLine, startSide: thread.startSide, diffHunk: at.hunk, position: at.position, commitId: input.review.commitId, inReplyTo: null };
  }
  const comment: ReviewComment = { id, reviewId: input.review.id, threadId: thread.id, user: input.user, body: input.body, createdAt: input.when, updatedAt: input.when, ...fields };
  state.comments.push(comment);
  thread.commentIds.push(id);
  return comment;
}

/** Pending reviews (and their comments) are seen by their author only. */
export function visibleComment(issue: Issue, comment: ReviewComment, viewer: Account | undefined): boolean {
  const review = reviewsOf(issue).reviews.find((r) => r.id === comment.reviewId);
  return !!review && (review.state !== 'PENDING' || review.user.id === viewer?.id);
}

export function threadComments(issue: Issue, thread: ReviewThread, viewer: Account | undefined): ReviewComment[] {
  const state = reviewsOf(issue);
  return thread.commentIds
    .map((id) => state.comments.find((c) => c.id === id))
    .filter((c): c is ReviewComment => !!c && visibleComment(issue, c, viewer));
}

/** Outdated: the file changed since the commit the thread's first comment was made on. */
export function threadOutdated(repo: Repo, issue: Issue, thread: ReviewThread): boolean {
  const first = reviewsOf(issue).comments.find((c) => c.id === thread.commentIds[0]);
  if (!first) return false;
  const head = repo.commits.get(pullHeadSha(repo, issue));
  const then = repo.commits.get(first.commitId);
  return !!head && !!then && head.tree.get(first.path)?.sha !== then.tree.get(first.path)?.sha;
}

/** Drops a pending review with its comments, and the threads left empty. */
export function deleteReview(issue: Issue, review: Review): void {
  const state = reviewsOf(issue);
  state.reviews.splice(state.reviews.indexOf(review), 1);
  const gone = new Set(state.comments.filter((c) => c.reviewId === review.id).map((c) => c.id));
  state.comments = state.comments.filter((c) => !gone.has(c.id));
  for (const thread of state.threads) thread.commentIds = thread.commentIds.filter((id) => !gone.has(id));
  state.threads = state.threads.filter((t) => t.commentIds.length > 0);
}
