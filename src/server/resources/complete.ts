import type { CompleteRequest, CompleteResult } from '@modelcontextprotocol/sdk/types.js';
import { runInCallScope } from '../../core/client/callScope';
import type { GitHubOctokit } from '../../core/client/octokit';
import type { GitHub } from '../../core/github';
import { argumentProblem } from '../tools/grammar';
import type { ToolRuntime } from '../tools/run';

/*
 * completion/complete for the resource templates' and prompts' arguments, by argument name.
 * Lean and bounded: one request of at most 100 items per answer (two for an App's owners),
 * a short deadline of its own, and any failure is an empty list (a completion is a hint, not
 * a call the user asked for). The identity's client is chosen as for a tool.
 */

const MAX_VALUES = 100;
const TIMEOUT_MS = 10_000;
const CACHE_MS = 60_000;

type Args = Record<string, string | undefined>;
const EMPTY: CompleteResult = { completion: { values: [], hasMore: false } };

/** Arguments this server completes, and from what. */
export const COMPLETABLE = new Set(['owner', 'repo', 'branch', 'tag', 'path', 'prNumber', 'pullNumber', 'issueNumber']);

export async function complete(params: CompleteRequest['params'], runtime: ToolRuntime, known: (ref: CompleteRequest['params']['ref'], argument: string) => boolean, signal?: AbortSignal): Promise<CompleteResult> {
  const { name, value } = params.argument;
  if (!known(params.ref, name) || !COMPLETABLE.has(name) || value.length > 1_000) return EMPTY;
  const context: Args = { ...(params.context?.arguments ?? {}) };
  // Context values end up in request paths: the same grammar as tool arguments, or no answer.
  for (const [key, given] of Object.entries(context)) if (given !== undefined && argumentProblem(key, given)) return EMPTY;
  try {
    const candidates = await runInCallScope({ label: 'completion/complete', timeoutMs: Math.min(TIMEOUT_MS, runtime.config.core.callTimeoutMs), signal }, async () =>
      candidatesFor(name, value, context, await runtime.github()),
    );
    return answer(candidates, value);
  } catch (error) {
    runtime.log.debug(`completion of ${name} failed: ${(error as Error)?.message ?? String(error)}`);
    return EMPTY;
  }
}

function answer(candidates: readonly string[], prefix: string): CompleteResult {
  const lower = prefix.toLowerCase();
  const matching = [...new Set(candidates)].filter((c) => c.toLowerCase().startsWith(lower)).sort();
  return { completion: { values: matching.slice(0, MAX_VALUES), total: matching.length, hasMore: matching.length > MAX_VALUES } };
}

async function candidatesFor(name: string, value: string, context: Args, github: GitHub): Promise<string[]> {
  const { owner, repo } = context;
  switch (name) {
    case 'owner':
      return owners(github);
    case 'repo':
      return owner ? (await reposOf(github, owner)).filter((r) => r.owner.toLowerCase() === owner.toLowerCase()).map((r) => r.name) : [];
    case 'branch':
      return owner && repo ? names((await (await github.forRepo(owner, repo)).rest.repos.listBranches({ owner, repo, per_page: 100 })).data) : [];
    case 'tag':
      return owner && repo ? names((await (await github.forRepo(owner, repo)).rest.repos.listTags({ owner, repo, per_page: 100 })).data) : [];
    case 'prNumber':
    case 'pullNumber':
      return owner && repo ? numbers((await (await github.forRepo(owner, repo)).rest.pulls.list({ owner, repo, state: 'open', per_page: 100 })).data) : [];
    case 'issueNumber':
      return owner && repo ? numbers((await (await github.forRepo(owner, repo)).rest.issues.listForRepo({ owner, repo, state: 'open', per_page: 100 })).data) : [];
    case 'path':
      return owner && repo ? paths(await github.forRepo(owner, repo), owner, repo, value, refOf(context)) : [];
    default:
      return [];
  }
}

function refOf(context: Args): string | undefined {
  if (context.branch) return `refs/heads/${context.branch}`;
  if (context.tag) return `refs/tags/${context.tag}`;
  if (context.sha) return context.sha;
  if (context.prNumber && /^[1-9][0-9]{0,9}$/.test(context.prNumber)) return `refs/pull/${context.prNumber}/head`;
  return undefined;
}

/** Entries of the directory the prefix is in ("src/he" lists src/); a directory comes with a trailing "/". */
async function paths(client: GitHubOctokit, owner: string, repo: string, prefix: string, ref: string | undefined): Promise<string[]> {
  const dir = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
  if (dir !== '' && argumentProblem('path', dir)) return [];
  const { data } = await client.rest.repos.getContent({ owner, repo, path: dir, ref });
  if (!Array.isArray(data)) return [];
  return data.slice(0, 1_000).flatMap((entry) => (typeof entry?.path === 'string' ? [entry.type === 'dir' ? `${entry.path}/` : entry.path] : []));
}

function names(items: unknown): string[] {
  return Array.isArray(items) ? items.flatMap((item) => (typeof item?.name === 'string' ? [item.name] : [])) : [];
}

function numbers(items: unknown): string[] {
  return Array.isArray(items) ? items.flatMap((item) => (typeof item?.number === 'number' && !item.pull_request ? [String(item.number)] : [])) : [];
}

interface RepoName {
  owner: string;
  name: string;
}

/** Per identity, briefly: a user types several characters of one argument in a row. */
const cache = new WeakMap<GitHub, Map<string, { at: number; value: Promise<unknown> }>>();

function cached<T>(github: GitHub, key: string, load: () => Promise<T>): Promise<T> {
  let entries = cache.get(github);
  if (!entries) cache.set(github, (entries = new Map()));
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as Promise<T>;
  const value = load();
  entries.set(key, { at: Date.now(), value });
  value.catch(() => entries!.delete(key));
  return value;
}

/** As GitHub's own check; not imported, since core/github.ts is loaded only at the first call. */
function unpinnedApp(github: GitHub): boolean {
  const auth = github.auth as { method: string; pinnedInstallationId?: number };
  return (auth.method === 'app' || auth.method === 'app_installation') && auth.pinnedInstallationId === undefined;
}

/** Owners the identity reaches: an unpinned App's installation accounts; otherwise the owners of its repositories (and its own login). */
async function owners(github: GitHub): Promise<string[]> {
  if (unpinnedApp(github)) {
    return cached(github, 'owners', async () =>
      (await github.integration!.listInstallations(1, 100)).items.flatMap((installation) => {
        const login = (installation.account as { login?: unknown } | null | undefined)?.login;
        return typeof login === 'string' ? [login] : [];
      }),
    );
  }
  return (await reposOf(github, undefined)).map((r) => r.owner);
}

/** One page of 100 repositories: an installation's (an unpinned App asks as the one covering `owner`), else the user's. */
async function reposOf(github: GitHub, owner: string | undefined): Promise<RepoName[]> {
  if (unpinnedApp(github)) {
    if (!owner) return [];
    return cached(github, `repos:${owner.toLowerCase()}`, async () => toRepoNames((await (await github.forOwner(owner)).rest.apps.listReposAccessibleToInstallation({ per_page: 100 })).data.repositories));
  }
  if (github.isApp) return cached(github, 'repos', async () => toRepoNames((await (await github.client()).rest.apps.listReposAccessibleToInstallation({ per_page: 100 })).data.repositories));
  return cached(github, 'repos', async () => toRepoNames((await (await github.client()).rest.repos.listForAuthenticatedUser({ per_page: 100, sort: 'pushed' })).data));
}

function toRepoNames(items: unknown): RepoName[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item) => {
    const login = item?.owner?.login;
    return typeof login === 'string' && typeof item?.name === 'string' ? [{ owner: login, name: item.name }] : [];
  });
}
