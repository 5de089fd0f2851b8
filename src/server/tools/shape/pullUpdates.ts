import { z } from 'zod';
import { LIMITS, login, logins, objectOr, truncate, type RawUser, type Shaped } from './common';
import { issueListItemSchema, shapeIssueListItem } from './issues';
import { pullSchema } from './pullRequests';

/*
 * Sources (OpenAPI components): `issue-search-result-item` (search/issues-and-pull-requests),
 * `commit` (pulls/list-commits), `combined-commit-status` with `simple-commit-status`
 * (repos/get-combined-status-for-ref), `check-run` (checks/list-for-ref), `pull-request-simple`
 * (pulls/request-reviewers) and pulls/update-branch's 202 object, which requires nothing.
 * simple-commit-status requires context, state and target_url (nullable); check-run requires
 * name, status, conclusion (nullable), html_url (nullable) and details_url (nullable).
 */

// ---------------------------------------------------------------- search

interface RawSearchPull {
  draft?: boolean;
  pull_request?: { merged_at?: string | null } | null;
}

export const pullSearchItemSchema = issueListItemSchema.omit({ isPullRequest: true }).extend({
  draft: z.boolean().optional(),
  mergedAt: z.string().optional().describe('Absent unless merged'),
});

export function shapePullSearchItem(item: Parameters<typeof shapeIssueListItem>[0] & RawSearchPull): Shaped<z.output<typeof pullSearchItemSchema>> {
  const { isPullRequest: _isPullRequest, ...fields } = shapeIssueListItem(item, true);
  return { ...fields, draft: item.draft, mergedAt: objectOr(item.pull_request)?.merged_at ?? undefined };
}

// ---------------------------------------------------------------- commits

interface RawPullCommit {
  sha: string;
  commit: { message: string; author: { name?: string; date?: string } | null };
  author: RawUser | Record<string, never> | null;
}

export const pullCommitSchema = z.object({
  sha: z.string(),
  message: z.string().describe(`First line of the message, cut at ${LIMITS.listBody} characters`),
  messageTruncated: z.boolean().optional().describe('True when lines after the first, or part of it, were left out'),
  author: z.string().nullable().describe('GitHub login of the author; null when the email maps to no account'),
  authorName: z.string().nullable().describe('git author name'),
  date: z.string().nullable().describe('Author date'),
});

export function shapePullCommit(c: RawPullCommit): Shaped<z.output<typeof pullCommitSchema>> {
  const commit = objectOr(c.commit);
  const gitAuthor = objectOr(commit?.author);
  const full = typeof commit?.message === 'string' ? commit.message : undefined;
  const firstLine = full?.split('\n', 1)[0];
  const cut = firstLine === undefined ? undefined : truncate(firstLine, LIMITS.listBody);
  return {
    sha: c.sha,
    message: cut?.text,
    messageTruncated: cut && (cut.truncated || firstLine!.length < full!.trimEnd().length) ? true : undefined,
    author: login(c.author),
    authorName: typeof gitAuthor?.name === 'string' ? gitAuthor.name : null,
    date: typeof gitAuthor?.date === 'string' ? gitAuthor.date : null,
  };
}

// ---------------------------------------------------------------- status and checks

interface RawStatus {
  context: string;
  state: string;
  target_url: string | null;
}

interface RawCheckRun {
  name: string;
  status: string;
  conclusion: string | null;
  html_url: string | null;
  details_url: string | null;
}

export const checkEntrySchema = z.object({
  kind: z.enum(['check_run', 'status']).describe('A check run (Checks API) or a commit status'),
  name: z.string().describe('Check run name or status context'),
  status: z.string().describe('queued, in_progress, completed... (a status is pending or completed)'),
  conclusion: z.string().nullable().describe('success, failure, neutral, cancelled, skipped, timed_out, action_required, error; null until done'),
  url: z.string().nullable().describe('Where the details are; null when GitHub has no link'),
});
type CheckEntry = Shaped<z.output<typeof checkEntrySchema>>;

export function shapeStatusEntry(s: RawStatus): CheckEntry {
  const pending = s.state === 'pending';
  return { kind: 'status', name: s.context, status: s.state === undefined ? undefined : pending ? 'pending' : 'completed', conclusion: s.state === undefined ? undefined : pending ? null : s.state, url: s.target_url };
}

export function shapeCheckRunEntry(r: RawCheckRun): CheckEntry {
  return { kind: 'check_run', name: r.name, status: r.status, conclusion: r.conclusion, url: r.html_url ?? r.details_url };
}

const FAILING = new Set(['failure', 'error', 'timed_out', 'cancelled', 'action_required', 'startup_failure']);

function outcomeOf(entry: CheckEntry): 'failing' | 'pending' | 'passing' {
  if (entry.status !== 'completed') return 'pending';
  return typeof entry.conclusion === 'string' && FAILING.has(entry.conclusion) ? 'failing' : 'passing';
}

export const pullStatusSchema = z.object({
  pullNumber: z.number(),
  headSha: z.string().describe('The head commit the checks ran on'),
  state: z.enum(['failure', 'pending', 'success', 'none']).describe('failure if any check failed, else pending if any is not done, else success; none when nothing reported'),
  total: z.number(),
  counts: z.record(z.string(), z.number()).describe('Checks per conclusion (or per status while not done)'),
  checks: z.array(checkEntrySchema).describe('Failing first, then pending, then the rest'),
  combinedStatus: z.string().optional().describe("GitHub's combined commit status state (statuses only)"),
  checkRunsTotal: z.number().optional().describe('Check runs GitHub counts, when more than are listed'),
});

export function shapePullStatus(
  pullNumber: number,
  headSha: string | undefined,
  combined: { state?: string; statuses?: RawStatus[] } | undefined,
  checkRuns: { total_count?: number; check_runs?: RawCheckRun[] } | undefined,
): Shaped<z.output<typeof pullStatusSchema>> {
  const statuses = Array.isArray(combined?.statuses) ? combined.statuses.map((s) => shapeStatusEntry(objectOr(s) ?? ({} as RawStatus))) : undefined;
  const runs = Array.isArray(checkRuns?.check_runs) ? checkRuns.check_runs.map((r) => shapeCheckRunEntry(objectOr(r) ?? ({} as RawCheckRun))) : undefined;
  // Without both lists there is no honest summary: the fields stay out and the output check says so.
  if (!statuses || !runs) return { pullNumber, headSha, combinedStatus: combined?.state };
  const rank = { failing: 0, pending: 1, passing: 2 } as const;
  const checks = [...runs, ...statuses].map((entry, index) => ({ entry, index, outcome: outcomeOf(entry) }));
  checks.sort((a, b) => rank[a.outcome] - rank[b.outcome] || a.index - b.index);
  const counts: Record<string, number> = {};
  for (const { entry } of checks) {
    const key = entry.status === 'completed' ? String(entry.conclusion ?? 'completed') : String(entry.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const state = checks.length === 0 ? 'none' : checks.some((c) => c.outcome === 'failing') ? 'failure' : checks.some((c) => c.outcome === 'pending') ? 'pending' : 'success';
  const total = typeof checkRuns?.total_count === 'number' ? checkRuns.total_count : undefined;
  return {
    pullNumber,
    headSha,
    state,
    total: checks.length,
    counts,
    checks: checks.map((c) => c.entry),
    combinedStatus: combined?.state,
    checkRunsTotal: total !== undefined && total > runs.length ? total : undefined,
  };
}

// ---------------------------------------------------------------- branch update, review requests

export const branchUpdateSchema = z.object({
  message: z.string().optional().describe("GitHub's answer, e.g. \"Updating pull request branch.\""),
  url: z.string().optional(),
});

export function shapeBranchUpdate(data: { message?: string; url?: string }): Shaped<z.output<typeof branchUpdateSchema>> {
  return { message: data.message, url: data.url };
}

interface RawReviewRequest {
  number: number;
  html_url: string;
  requested_reviewers?: (RawUser | null)[] | null;
  requested_teams?: ({ slug?: string } | null)[] | null;
}

export const reviewRequestSchema = z.object({
  number: z.number(),
  htmlUrl: z.string(),
  requestedReviewers: z.array(z.string()).optional().describe('Every user now asked to review; absent when GitHub sent no list'),
  requestedTeams: z.array(z.string()).optional().describe('Slugs of the teams now asked to review'),
});

function teamSlugs(teams: RawReviewRequest['requested_teams']): string[] | undefined {
  if (teams === null) return [];
  if (!Array.isArray(teams)) return undefined;
  return teams.flatMap((t) => (t && typeof t.slug === 'string' ? [t.slug] : []));
}

export function shapeReviewRequest(p: RawReviewRequest): Shaped<z.output<typeof reviewRequestSchema>> {
  return { number: p.number, htmlUrl: p.html_url, requestedReviewers: logins(p.requested_reviewers), requestedTeams: teamSlugs(p.requested_teams) };
}

/** create_pull_request with reviewers: the new pull request, and what became of the review request. */
export const createdPullSchema = pullSchema.extend({
  requestedTeams: z.array(z.string()).optional(),
  reviewerRequestError: z.string().optional().describe('Why requesting reviewers failed; the pull request was created all the same'),
});
