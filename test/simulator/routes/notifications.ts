import { canSee, requireRepo } from '../access';
import { iso } from '../clock';
import { bodyObject, json, type Ctx, type Reply } from '../http/context';
import { ghError, notAccessibleByIntegration, notFound, requiresAuthentication, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Account, Issue, Repo } from '../model';
import { repoJson } from '../render/repos';
import { SEED_EPOCH } from '../seed/accounts';
import type { World } from '../world';

// Notifications (issue 8: notifications toolset): threads per user, read and done state, thread
// and repository subscriptions. As on GitHub, only a user's own classic token (scope
// notifications or repo) or OAuth token reads them: installation tokens get 403 "Resource not
// accessible by integration", fine-grained and GitHub App user tokens 403 too. A comment on an
// issue notifies its participants (author, assignees, earlier commenters) and the repository's
// watchers, unless they ignore the thread or the repository.

export interface NotificationThread {
  id: number;
  user: Account;
  repo: Repo;
  issue: Issue;
  reason: string;
  unread: boolean;
  /** Marked done (DELETE): no longer listed, until something new happens. */
  done: boolean;
  updatedAt: string;
  lastReadAt: string | null;
  /** null once unsubscribed (DELETE .../subscription). */
  subscription: { ignored: boolean; createdAt: string } | null;
}

interface RepoSubscription {
  subscribed: boolean;
  ignored: boolean;
  createdAt: string;
}

interface NotificationState {
  threads: NotificationThread[];
  /** login -> repo id -> subscription. */
  watching: Map<string, Map<number, RepoSubscription>>;
}

const states = new WeakMap<World, NotificationState>();

export function notificationState(world: World): NotificationState {
  let state = states.get(world);
  if (!state) {
    state = { threads: [], watching: new Map() };
    states.set(world, state);
  }
  return state;
}

const PARTICIPATING = new Set(['assign', 'author', 'comment', 'manual', 'mention', 'review_requested', 'state_change', 'team_mention']);

/** Seeds: monalisa and octocat each have threads in octocat/hello-world and sim-org/api, one of them read. */
export function seedNotifications(world: World): void {
  const state = notificationState(world);
  const at = (day: number) => iso(SEED_EPOCH + day * 86_400_000);
  const add = (id: number, login: string, repoName: string, number: number, reason: string, day: number, unread = true) => {
    const [owner, name] = repoName.split('/');
    const repo = world.repo(owner, name);
    const user = world.account(login);
    const issue = repo?.issues.find((i) => i.number === number);
    if (!repo || !user || !issue) return;
    state.threads.push({ id, user, repo, issue, reason, unread, done: false, updatedAt: at(day), lastReadAt: unread ? null : at(day), subscription: { ignored: false, createdAt: at(day - 1) } });
  };
  add(700001, 'monalisa', 'octocat/hello-world', 1, 'mention', -3);
  add(700002, 'monalisa', 'octocat/hello-world', 2, 'subscribed', -2);
  add(700003, 'monalisa', 'sim-org/api', 2, 'author', -1);
  add(700004, 'monalisa', 'octocat/hello-world', 4, 'comment', -5, false);
  add(700011, 'octocat', 'octocat/hello-world', 1, 'author', -3);
  add(700012, 'octocat', 'sim-org/api', 2, 'review_requested', -1);
  const octocat = world.account('octocat');
  const helloWorld = world.repo('octocat', 'hello-world');
  if (octocat && helloWorld) state.watching.set('octocat', new Map([[helloWorld.id, { subscribed: true, ignored: false, createdAt: at(-90) }]]));
}

function watchOf(state: NotificationState, login: string, repo: Repo): RepoSubscription | undefined {
  return state.watching.get(login)?.get(repo.id);
}

/** A comment by `by` on `issue`: each participant and watcher but `by` gets (or gets back) an unread thread. */
export function notifyComment(world: World, repo: Repo, issue: Issue, by: Account | undefined, when: string): void {
  const state = notificationState(world);
  const reasons = new Map<string, { user: Account; reason: string }>();
  const note = (user: Account, reason: string) => {
    if (user.type === 'User' && user.id !== by?.id && !reasons.has(user.login)) reasons.set(user.login, { user, reason });
  };
  note(issue.user, 'author');
  for (const a of issue.assignees) note(a, 'assign');
  for (const c of issue.comments) note(c.user, 'comment');
  for (const [login, repos] of state.watching) {
    const user = world.account(login);
    if (user && repos.get(repo.id)?.subscribed) note(user, 'subscribed');
  }
  for (const { user, reason } of reasons.values()) {
    if (watchOf(state, user.login, repo)?.ignored) continue;
    const thread = state.threads.find((t) => t.user.id === user.id && t.repo === repo && t.issue === issue);
    if (thread) {
      if (thread.subscription === null || thread.subscription.ignored) continue;
      Object.assign(thread, { unread: true, done: false, updatedAt: when });
    } else {
      state.threads.push({ id: world.id(), user, repo, issue, reason, unread: true, done: false, updatedAt: when, lastReadAt: null, subscription: { ignored: false, createdAt: when } });
    }
  }
}

/** The user whose notifications these are; everyone else is refused as GitHub refuses them. */
function notificationUser(ctx: Ctx): Account {
  const p = ctx.principal;
  if (p.kind === 'installation' || p.kind === 'jwt') throw notAccessibleByIntegration();
  if (p.kind !== 'user') throw requiresAuthentication();
  const token = p.token;
  ctx.resHeaders['x-accepted-oauth-scopes'] = 'notifications, repo';
  if (token?.kind === 'fine-grained') throw ghError(403, 'Resource not accessible by personal access token');
  if (token?.kind === 'user-to-server') throw notAccessibleByIntegration();
  if (token && (token.kind === 'pat' || token.kind === 'oauth') && !(token.scopes ?? []).some((s) => s === 'notifications' || s === 'repo')) {
    throw ghError(403, "Missing the 'notifications' scope.");
  }
  return p.user;
}

function threadJson(ctx: Ctx, t: NotificationThread): Record<string, unknown> {
  const full = `${ctx.apiBase}/repos/${t.repo.owner.login}/${t.repo.name}`;
  const subjectUrl = `${full}/${t.issue.pull ? 'pulls' : 'issues'}/${t.issue.number}`;
  const last = t.issue.comments.at(-1);
  const url = `${ctx.apiBase}/notifications/threads/${t.id}`;
  return {
    id: String(t.id),
    repository: repoJson(ctx, t.repo),
    subject: {
      title: t.issue.title,
      url: subjectUrl,
      latest_comment_url: last ? `${full}/issues/comments/${last.id}` : subjectUrl,
      type: t.issue.pull ? 'PullRequest' : 'Issue',
    },
    reason: t.reason,
    unread: t.unread,
    updated_at: t.updatedAt,
    last_read_at: t.lastReadAt,
    url,
    subscription_url: `${url}/subscription`,
  };
}

function timeParam(ctx: Ctx, name: string): string | undefined {
  const raw = ctx.query.get(name);
  if (raw === null) return undefined;
  const when = Date.parse(raw);
  if (!Number.isFinite(when)) throw validationFailed([{ resource: 'Notification', code: 'invalid', field: name }]);
  return iso(when);
}

function listThreads(ctx: Ctx, repo?: Repo): Reply {
  const user = notificationUser(ctx);
  const all = ctx.query.get('all') === 'true';
  const participating = ctx.query.get('participating') === 'true';
  const since = timeParam(ctx, 'since');
  const before = timeParam(ctx, 'before');
  const threads = notificationState(ctx.services.world).threads.filter(
    (t) =>
      t.user.id === user.id &&
      !t.done &&
      (all || t.unread) &&
      (!participating || PARTICIPATING.has(t.reason)) &&
      (!since || t.updatedAt >= since) &&
      (!before || t.updatedAt < before) &&
      (!repo || t.repo === repo) &&
      canSee(ctx, t.repo),
  );
  const sorted = [...threads].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.id - a.id));
  return json(paginate(ctx, sorted, 50).map((t) => threadJson(ctx, t)));
}

function markRead(ctx: Ctx, repo?: Repo): Reply {
  const user = notificationUser(ctx);
  const body = bodyObject(ctx);
  const raw = body.last_read_at;
  const at = raw === undefined ? iso(ctx.services.clock.now()) : typeof raw === 'string' && Number.isFinite(Date.parse(raw)) ? iso(Date.parse(raw)) : undefined;
  if (at === undefined) throw validationFailed([{ resource: 'Notification', code: 'invalid', field: 'last_read_at' }]);
  const read = body.read === undefined ? true : body.read === true;
  for (const t of notificationState(ctx.services.world).threads) {
    if (t.user.id !== user.id || (repo && t.repo !== repo) || t.updatedAt > at) continue;
    t.unread = !read;
    if (read) t.lastReadAt = at;
  }
  return { status: 205 };
}

function findThread(ctx: Ctx): NotificationThread {
  const user = notificationUser(ctx);
  const thread = notificationState(ctx.services.world).threads.find((t) => String(t.id) === ctx.params.id && t.user.id === user.id);
  if (!thread || !canSee(ctx, thread.repo)) throw notFound();
  return thread;
}

function threadSubscriptionJson(ctx: Ctx, t: NotificationThread): Record<string, unknown> {
  const url = `${ctx.apiBase}/notifications/threads/${t.id}`;
  const sub = t.subscription!;
  return {
    subscribed: !sub.ignored,
    ignored: sub.ignored,
    reason: null,
    created_at: sub.createdAt,
    url: `${url}/subscription`,
    thread_url: url,
  };
}

function repoSubscriptionJson(ctx: Ctx, repo: Repo, s: RepoSubscription): Record<string, unknown> {
  const url = `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
  return { subscribed: s.subscribed, ignored: s.ignored, reason: null, created_at: s.createdAt, url: `${url}/subscription`, repository_url: url };
}

function visibleRepo(ctx: Ctx): Repo {
  return requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'metadata', access: 'read' });
}

function flag(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw validationFailed([{ resource: 'Subscription', code: 'invalid', field: name }]);
  return value;
}

export function notificationRoutes(router: Router): void {
  router
    .add('GET', '/notifications', (ctx) => listThreads(ctx))
    .add('PUT', '/notifications', (ctx) => markRead(ctx))
    .add('GET', '/repos/:owner/:repo/notifications', (ctx) => {
      notificationUser(ctx);
      return listThreads(ctx, visibleRepo(ctx));
    })
    .add('PUT', '/repos/:owner/:repo/notifications', (ctx) => {
      notificationUser(ctx);
      return markRead(ctx, visibleRepo(ctx));
    })
    .add('GET', '/notifications/threads/:id', (ctx) => json(threadJson(ctx, findThread(ctx))))
    .add('PATCH', '/notifications/threads/:id', (ctx) => {
      const thread = findThread(ctx);
      thread.unread = false;
      thread.lastReadAt = iso(ctx.services.clock.now());
      return { status: 205 };
    })
    .add('DELETE', '/notifications/threads/:id', (ctx) => {
      const thread = findThread(ctx);
      Object.assign(thread, { done: true, unread: false, lastReadAt: iso(ctx.services.clock.now()) });
      return { status: 204 };
    })
    .add('GET', '/notifications/threads/:id/subscription', (ctx) => {
      const thread = findThread(ctx);
      if (!thread.subscription) throw notFound();
      return json(threadSubscriptionJson(ctx, thread));
    })
    .add('PUT', '/notifications/threads/:id/subscription', (ctx) => {
      const thread = findThread(ctx);
      const ignored = flag(bodyObject(ctx), 'ignored') ?? false;
      thread.subscription = { ignored, createdAt: thread.subscription?.createdAt ?? iso(ctx.services.clock.now()) };
      return json(threadSubscriptionJson(ctx, thread));
    })
    .add('DELETE', '/notifications/threads/:id/subscription', (ctx) => {
      findThread(ctx).subscription = null;
      return { status: 204 };
    })
    .add('GET', '/repos/:owner/:repo/subscription', (ctx) => {
      const user = notificationUser(ctx);
      const repo = visibleRepo(ctx);
      const sub = watchOf(notificationState(ctx.services.world), user.login, repo);
      if (!sub) throw notFound();
      return json(repoSubscriptionJson(ctx, repo, sub));
    })
    .add('PUT', '/repos/:owner/:repo/subscription', (ctx) => {
      const user = notificationUser(ctx);
      const repo = visibleRepo(ctx);
      const body = bodyObject(ctx);
      const ignored = flag(body, 'ignored') ?? false;
      const subscribed = flag(body, 'subscribed') ?? !ignored;
      const state = notificationState(ctx.services.world);
      const mine = state.watching.get(user.login) ?? new Map<number, RepoSubscription>();
      state.watching.set(user.login, mine);
      const sub = { subscribed, ignored, createdAt: mine.get(repo.id)?.createdAt ?? iso(ctx.services.clock.now()) };
      mine.set(repo.id, sub);
      return json(repoSubscriptionJson(ctx, repo, sub));
    })
    .add('DELETE', '/repos/:owner/:repo/subscription', (ctx) => {
      const user = notificationUser(ctx);
      const repo = visibleRepo(ctx);
      notificationState(ctx.services.world).watching.get(user.login)?.delete(repo.id);
      return { status: 204 };
    });
}
