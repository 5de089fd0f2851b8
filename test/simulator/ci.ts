import type { Account, CheckRun, CommitStatus, Repo } from './model';
import type { World } from './world';

// Commit statuses and check runs: the state changes shared by the seed data and the routes.

export type StatusState = CommitStatus['state'];
export const STATUS_STATES: readonly StatusState[] = ['error', 'failure', 'pending', 'success'];
export const CHECK_STATUSES: readonly CheckRun['status'][] = ['queued', 'in_progress', 'completed'];
export const CHECK_CONCLUSIONS: readonly NonNullable<CheckRun['conclusion']>[] = ['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out', 'action_required'];

export function addStatus(
  world: World,
  repo: Repo,
  input: { sha: string; state: StatusState; context?: string; description?: string | null; targetUrl?: string | null; creator: Account | null; date: string },
): CommitStatus {
  const status: CommitStatus = {
    id: world.id(),
    sha: input.sha,
    state: input.state,
    context: input.context ?? 'default',
    description: input.description ?? null,
    targetUrl: input.targetUrl ?? null,
    creator: input.creator,
    createdAt: input.date,
    updatedAt: input.date,
  };
  (repo.statuses ??= []).push(status);
  return status;
}

/** Every status of a commit, newest first (GET /commits/{ref}/statuses). */
export function statusesOf(repo: Repo, sha: string): CommitStatus[] {
  return (repo.statuses ?? []).filter((s) => s.sha === sha).reverse();
}

/** The newest status per context (contexts compare case-insensitively), newest first. */
export function latestStatuses(repo: Repo, sha: string): CommitStatus[] {
  const seen = new Set<string>();
  return statusesOf(repo, sha).filter((s) => {
    const key = s.context.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** GitHub's combined state: failure if any context failed or errored, pending if none or any is pending, else success. */
export function combinedState(latest: CommitStatus[]): StatusState {
  if (latest.some((s) => s.state === 'failure' || s.state === 'error')) return 'failure';
  if (latest.length === 0 || latest.some((s) => s.state === 'pending')) return 'pending';
  return 'success';
}

// One check suite per App and head commit, as GitHub creates them on push.
const suites = new WeakMap<Repo, Map<string, number>>();

function suiteId(world: World, repo: Repo, appId: number, sha: string): number {
  let byKey = suites.get(repo);
  if (!byKey) suites.set(repo, (byKey = new Map()));
  const key = `${appId}:${sha}`;
  let id = byKey.get(key);
  if (id === undefined) byKey.set(key, (id = world.id()));
  return id;
}

export interface NewCheckRun {
  headSha: string;
  name: string;
  appId: number;
  status?: CheckRun['status'];
  conclusion?: CheckRun['conclusion'];
  startedAt?: string | null;
  completedAt?: string | null;
  detailsUrl?: string | null;
  externalId?: string | null;
  output?: Partial<CheckRun['output']>;
  date: string;
}

/** Adds a check run; a conclusion (or completed_at) completes it, as on GitHub. */
export function addCheckRun(world: World, repo: Repo, input: NewCheckRun): CheckRun {
  const completed = input.status === 'completed' || (input.conclusion ?? null) !== null || !!input.completedAt;
  const run: CheckRun = {
    id: world.id(),
    headSha: input.headSha,
    name: input.name,
    status: completed ? 'completed' : (input.status ?? 'queued'),
    conclusion: completed ? (input.conclusion ?? null) : null,
    startedAt: input.startedAt ?? input.date,
    completedAt: completed ? (input.completedAt ?? input.date) : null,
    detailsUrl: input.detailsUrl ?? null,
    externalId: input.externalId ?? null,
    output: { title: input.output?.title ?? null, summary: input.output?.summary ?? null, text: input.output?.text ?? null },
    appId: input.appId,
    checkSuiteId: suiteId(world, repo, input.appId, input.headSha),
  };
  (repo.checkRuns ??= []).push(run);
  return run;
}
