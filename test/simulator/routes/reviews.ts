import { requireRepo } from '../access';
import { iso } from '../clock';
import { pullHeadSha } from '../git';
import { actor, bodyObject, json, optString, type Ctx, type Reply } from '../http/context';
import { HttpError, DOCS_URL, notAccessibleByIntegration, notFound, missingField, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Account, DiffSide, Issue, Repo, Review, ReviewComment } from '../model';
import { nodeId } from '../random';
import { simpleUser } from '../render/accounts';
import { authorAssociation } from '../render/issues';
import { addComment, deleteReview, placeComment, reviewsOf, visibleComment, type DiffLine, type NewComment } from '../reviews';
import { findIssue } from './issues';

// Pull request reviews and review comments (REST). Threads group a comment and its replies;
// GraphQL (graphql/) resolves and lists them.

const pullsRead = { category: 'pull_requests' as const, access: 'read' as const };
// Anyone who can read a repository may review its pull requests; Apps need pull_requests:write.
const pullsReview = { category: 'pull_requests' as const, access: 'write' as const, userNeeds: 'read' as const };
const EVENTS: Record<string, Review['state']> = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' };

/** GitHub's "validation failed, simple" answer: `errors` is a list of sentences. */
function unprocessable(...errors: string[]): HttpError {
  return new HttpError(422, { message: 'Unprocessable Entity', errors, documentation_url: DOCS_URL, status: '422' });
}

function findPull(repo: Repo, number: string): Issue {
  const issue = findIssue(repo, number);
  if (!issue.pull) throw notFound();
  return issue;
}

function urls(ctx: Ctx, repo: Repo, issue: Issue) {
  const repoApi = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
  return { repoApi, pullApi: `${repoApi}/pulls/${issue.number}`, pullHtml: `${ctx.webBase}/${repo.owner.login}/${repo.name}/pull/${issue.number}` };
}

export function reviewJson(ctx: Ctx, repo: Repo, issue: Issue, r: Review): Record<string, unknown> {
  const { pullApi, pullHtml } = urls(ctx, repo, issue);
  const html = `${pullHtml}#pullrequestreview-${r.id}`;
  const out: Record<string, unknown> = {
    id: r.id,
    node_id: nodeId('PullRequestReview', r.id),
    user: simpleUser(ctx, r.user),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: pullApi,
    author_association: authorAssociation(ctx, repo, r.user),
    _links: { html: { href: html }, pull_request: { href: pullApi } },
    commit_id: r.commitId,
  };
  if (r.submittedAt) out.submitted_at = r.submittedAt;
  return out;
}

export function reviewCommentJson(ctx: Ctx, repo: Repo, issue: Issue, c: ReviewComment): Record<string, unknown> {
  const { repoApi, pullApi, pullHtml } = urls(ctx, repo, issue);
  const url = `${repoApi}/pulls/comments/${c.id}`;
  const html = `${pullHtml}#discussion_r${c.id}`;
  const out: Record<string, unknown> = {
    url,
    pull_request_review_id: c.reviewId,
    id: c.id,
    node_id: nodeId('PullRequestReviewComment', c.id),
    diff_hunk: c.diffHunk,
    path: c.path,
    position: c.position,
    original_position: c.position,
    commit_id: c.commitId,
    original_commit_id: c.commitId,
    user: simpleUser(ctx, c.user),
    body: c.body,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    html_url: html,
    pull_request_url: pullApi,
    author_association: authorAssociation(ctx, repo, c.user),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullApi } },
    start_line: c.startLine,
    original_start_line: c.startLine,
    start_side: c.startSide,
    line: c.line,
    original_line: c.line,
    side: c.side,
    subject_type: 'line',
  };
  if (c.inReplyTo !== null) out.in_reply_to_id = c.inReplyTo;
  return out;
}

function side(value: unknown, fallback: DiffSide | null): DiffSide | null {
  if (value === undefined || value === null) return fallback;
  if (value === 'LEFT' || value === 'RIGHT') return value;
  throw unprocessable(`Invalid side: ${String(value).slice(0, 40)}`);
}

type Placed = { place: NewComment; at: DiffLine };
type Problem = { problem: string; field: 'path' | 'line' | 'start_line' | 'body' };

/** A comment of the request body, checked; its line must be in the pull request's diff. */
function parseComment(repo: Repo, issue: Issue, raw: unknown): Placed | Problem {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problem: 'Comments must be objects', field: 'body' };
  const c = raw as Record<string, unknown>;
  const path = optString(c.path);
  const body = optString(c.body);
  if (!path) return { problem: 'Path can\'t be blank', field: 'path' };
  if (!body) return { problem: 'Body can\'t be blank', field: 'body' };
  if (!Number.isInteger(c.line)) return { problem: 'Line could not be resolved', field: 'line' };
  const startLine = c.start_line === undefined || c.start_line === null ? null : Number.isInteger(c.start_line) ? (c.start_line as number) : NaN;
  if (Number.isNaN(startLine)) return { problem: 'Start line could not be resolved', field: 'start_line' };
  const place: NewComment = { path, body, line: c.line as number, side: side(c.side, 'RIGHT') as DiffSide, startLine, startSide: side(c.start_side, null) };
  const at = placeComment(repo, issue, place);
  if (typeof at === 'string') return { problem: at, field: at.startsWith('Path') ? 'path' : at.startsWith('Start') ? 'start_line' : 'line' };
  return { place, at };
}

/** In a review, GitHub's "simple" 422: a list of sentences. */
function newComment(repo: Repo, issue: Issue, raw: unknown): Placed {
  const parsed = parseComment(repo, issue, raw);
  if ('problem' in parsed) throw unprocessable(parsed.problem);
  return parsed;
}

/** On its own (POST .../comments), GitHub's field errors on the review thread. */
function singleComment(repo: Repo, issue: Issue, raw: unknown): Placed {
  const parsed = parseComment(repo, issue, raw);
  if (!('problem' in parsed)) return parsed;
  if (parsed.field === 'body') throw missingField('PullRequestReviewComment', 'body');
  const field = `pull_request_review_thread.${parsed.field}`;
  throw validationFailed([{ resource: 'PullRequestReviewComment', code: 'custom', field, message: `${field} must be part of the diff` }]);
}

/** APPROVE and REQUEST_CHANGES are refused on one's own pull request; REQUEST_CHANGES and COMMENT need a body. */
function checkEvent(issue: Issue, user: Account, event: string, body: string): void {
  if (!(event in EVENTS)) throw unprocessable(`Unknown event: ${event.slice(0, 40)}`);
  if (event === 'APPROVE' && issue.user.id === user.id) throw unprocessable('Can not approve your own pull request');
  if (event === 'REQUEST_CHANGES' && issue.user.id === user.id) throw unprocessable('Can not request changes on your own pull request');
  if (event !== 'APPROVE' && body === '') throw unprocessable(`Body is required when using ${event}`);
}

function findReview(issue: Issue, id: string): Review {
  const review = reviewsOf(issue).reviews.find((r) => String(r.id) === id);
  if (!review) throw notFound();
  return review;
}

function listReviews(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsRead);
  const issue = findPull(repo, ctx.params.number);
  const me = actor(ctx);
  const visible = reviewsOf(issue).reviews.filter((r) => r.state !== 'PENDING' || r.user.id === me?.id);
  return json(paginate(ctx, visible).map((r) => reviewJson(ctx, repo, issue, r)));
}

function createReview(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsReview);
  const issue = findPull(repo, ctx.params.number);
  const body = bodyObject(ctx);
  const user = actor(ctx) as Account;
  const text = optString(body.body) ?? '';
  const event = body.event === undefined || body.event === null || body.event === '' ? undefined : String(body.event);
  if (event !== undefined) checkEvent(issue, user, event, text);
  const state = reviewsOf(issue);
  if (event === undefined && state.reviews.some((r) => r.state === 'PENDING' && r.user.id === user.id)) {
    throw unprocessable('User can only have one pending review per pull request');
  }
  const head = pullHeadSha(repo, issue);
  const commitId = optString(body.commit_id) ?? head;
  if (!repo.commits.has(commitId)) throw unprocessable('Commit could not be resolved');
  if (body.comments !== undefined && !Array.isArray(body.comments)) throw unprocessable('Comments must be a list');
  // Every comment is checked before anything is stored: a refused review leaves nothing behind.
  const comments = ((body.comments as unknown[] | undefined) ?? []).map((c) => newComment(repo, issue, c));
  const when = iso(ctx.services.clock.now());
  const review: Review = { id: ctx.services.world.id(), user, body: text, state: event ? EVENTS[event] : 'PENDING', commitId, submittedAt: event ? when : null };
  state.reviews.push(review);
  for (const c of comments) addComment(ctx.services.world, issue, { review, user, body: c.place.body, when, place: c.place, at: c.at });
  if (event) reviewed(issue, user);
  return json(reviewJson(ctx, repo, issue, review));
}

function getReview(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsRead);
  const issue = findPull(repo, ctx.params.number);
  const review = findReview(issue, ctx.params.id);
  if (review.state === 'PENDING' && review.user.id !== actor(ctx)?.id) throw notFound();
  return json(reviewJson(ctx, repo, issue, review));
}

function submitReview(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsReview);
  const issue = findPull(repo, ctx.params.number);
  const review = findReview(issue, ctx.params.id);
  const user = actor(ctx) as Account;
  if (review.user.id !== user.id) throw notFound();
  const body = bodyObject(ctx);
  if (review.state !== 'PENDING') throw unprocessable('Can not submit a non-pending review');
  const event = optString(body.event);
  if (!event) throw missingField('PullRequestReview', 'event');
  const text = optString(body.body) ?? review.body;
  checkEvent(issue, user, event, text);
  review.body = text;
  review.state = EVENTS[event];
  review.submittedAt = iso(ctx.services.clock.now());
  reviewed(issue, user);
  return json(reviewJson(ctx, repo, issue, review));
}

/** GitHub: "Once a requested reviewer submits a review, they are no longer considered a requested reviewer." */
function reviewed(issue: Issue, user: Account): void {
  if (issue.pull?.requestedReviewers) issue.pull.requestedReviewers = issue.pull.requestedReviewers.filter((r) => r.id !== user.id);
}

function deletePendingReview(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsReview);
  const issue = findPull(repo, ctx.params.number);
  const review = findReview(issue, ctx.params.id);
  if (review.user.id !== (actor(ctx) as Account).id) throw notFound();
  if (review.state !== 'PENDING') throw unprocessable('Can not delete a non-pending pull request review');
  const out = reviewJson(ctx, repo, issue, review);
  deleteReview(issue, review);
  return json(out);
}

function listReviewComments(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsRead);
  const issue = findPull(repo, ctx.params.number);
  // Pending comments are not listed here, not even to their author (as on GitHub).
  const visible = reviewsOf(issue).comments.filter((c) => visibleComment(issue, c, undefined));
  return json(paginate(ctx, visible).map((c) => reviewCommentJson(ctx, repo, issue, c)));
}

/** A reply joins the thread of the comment it answers, as a single-comment COMMENTED review. */
function reply(ctx: Ctx, repo: Repo, issue: Issue, parentId: unknown, text: string | undefined): Reply {
  const state = reviewsOf(issue);
  const parent = state.comments.find((c) => String(c.id) === String(parentId) && visibleComment(issue, c, undefined));
  if (!parent) throw notFound();
  if (!text) throw missingField('PullRequestReviewComment', 'body');
  const user = actor(ctx) as Account;
  const when = iso(ctx.services.clock.now());
  const review: Review = { id: ctx.services.world.id(), user, body: '', state: 'COMMENTED', commitId: parent.commitId, submittedAt: when };
  state.reviews.push(review);
  const comment = addComment(ctx.services.world, issue, { review, user, body: text, when, inReplyTo: parent });
  const out = reviewCommentJson(ctx, repo, issue, comment);
  return { ...json(out, 201), headers: { location: String(out.url) } };
}

function createReviewComment(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsReview);
  const issue = findPull(repo, ctx.params.number);
  const body = bodyObject(ctx);
  if (body.in_reply_to !== undefined) return reply(ctx, repo, issue, body.in_reply_to, optString(body.body));
  const c = singleComment(repo, issue, body);
  const user = actor(ctx) as Account;
  const when = iso(ctx.services.clock.now());
  const commitId = optString(body.commit_id) ?? pullHeadSha(repo, issue);
  const review: Review = { id: ctx.services.world.id(), user, body: '', state: 'COMMENTED', commitId, submittedAt: when };
  reviewsOf(issue).reviews.push(review);
  const comment = addComment(ctx.services.world, issue, { review, user, body: c.place.body, when, place: c.place, at: c.at });
  const out = reviewCommentJson(ctx, repo, issue, comment);
  return { ...json(out, 201), headers: { location: String(out.url) } };
}

export function reviewRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/pulls/:number/reviews', listReviews)
    .add('POST', '/repos/:owner/:repo/pulls/:number/reviews', createReview)
    .add('GET', '/repos/:owner/:repo/pulls/:number/reviews/:id', getReview)
    .add('DELETE', '/repos/:owner/:repo/pulls/:number/reviews/:id', deletePendingReview)
    .add('POST', '/repos/:owner/:repo/pulls/:number/reviews/:id/events', submitReview)
    .add('GET', '/repos/:owner/:repo/pulls/:number/comments', listReviewComments)
    .add('POST', '/repos/:owner/:repo/pulls/:number/comments', createReviewComment)
    .add('POST', '/repos/:owner/:repo/pulls/:number/comments/:id/replies', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, pullsReview);
      // GitHub's description marks this one not enabled for GitHub Apps (POST .../comments with in_reply_to is).
      if (ctx.principal.kind === 'installation' || (ctx.principal.kind === 'user' && ctx.principal.token?.kind === 'user-to-server')) throw notAccessibleByIntegration();
      const issue = findPull(repo, ctx.params.number);
      return reply(ctx, repo, issue, ctx.params.id, optString(bodyObject(ctx).body));
    });
}
