import { iso } from '../clock';
import type { Account, Level, Release, ReleaseAsset, Repo, Team } from '../model';
import type { World } from '../world';
import { SEED_EPOCH } from './accounts';

// Releases (sim-org/api, octocat/hello-world) and teams (sim-org). Deterministic; ids are fixed.

const DAY = 86_400_000;
const at = (day: number) => iso(SEED_EPOCH + day * DAY);

export const RELEASE_TAGS = {
  /** Per repository: the latest (published, not a prerelease), a prerelease, an older release, and a draft. */
  latest: 'v1.1.0',
  prerelease: 'v2.0.0-rc.1',
  older: 'v1.0.0',
  draft: 'v2.0.0',
} as const;

export const TEAM_SLUGS = { core: 'core', reviewers: 'reviewers', secret: 'security' } as const;

function asset(id: number, name: string, size: number, downloads: number, uploader: Account, day: number): ReleaseAsset {
  return { id, name, label: null, contentType: name.endsWith('.zip') ? 'application/zip' : 'application/gzip', size, downloadCount: downloads, createdAt: at(day), updatedAt: at(day), uploader };
}

function seedRepoReleases(repo: Repo, author: Account, base: number): void {
  const release = (n: number, tagName: string, name: string | null, day: number, extra: Partial<Release> = {}): Release => ({
    id: base + n,
    tagName,
    targetCommitish: repo.defaultBranch,
    name,
    body: `## ${name ?? tagName}\n\nChanges in ${tagName}.\n`,
    draft: false,
    prerelease: false,
    author,
    createdAt: at(day),
    publishedAt: at(day),
    assets: [],
    ...extra,
  });
  repo.releases = [
    release(1, RELEASE_TAGS.older, 'First release', -60, { assets: [asset(base * 10 + 1, `${repo.name}-1.0.0.tar.gz`, 10_240, 42, author, -60)] }),
    release(2, RELEASE_TAGS.latest, 'Second release', -30, {
      body: `## Second release\n\n${'A long list of changes. '.repeat(60)}\n`,
      assets: [asset(base * 10 + 2, `${repo.name}-1.1.0.tar.gz`, 11_264, 7, author, -30), asset(base * 10 + 3, `${repo.name}-1.1.0.zip`, 12_288, 3, author, -30)],
    }),
    release(3, RELEASE_TAGS.prerelease, 'Release candidate', -10, { prerelease: true }),
    release(4, RELEASE_TAGS.draft, 'Next release (draft)', -2, { draft: true, publishedAt: null }),
  ];
}

function team(id: number, slug: string, name: string, members: Array<[string, 'member' | 'maintainer']>, repos: Array<[Repo, Level]>, extra: Partial<Team> = {}): Team {
  return {
    id,
    slug,
    name,
    description: `The ${name} team`,
    privacy: 'closed',
    permission: 'pull',
    members: new Map(members),
    repos: new Map(repos.map(([repo, level]) => [repo.id, level])),
    parent: null,
    createdAt: at(-100),
    updatedAt: at(-100),
    ...extra,
  };
}

export function seedReleasesAndTeams(world: World): void {
  const octocat = world.account('octocat') as Account;
  const api = world.repo('sim-org', 'api') as Repo;
  const hello = world.repo('octocat', 'hello-world') as Repo;
  seedRepoReleases(api, octocat, 7_000_000);
  seedRepoReleases(hello, octocat, 7_100_000);

  const simOrg = world.account('sim-org') as Account;
  const web = world.repo('sim-org', 'web') as Repo;
  const core = team(8001, TEAM_SLUGS.core, 'Core', [['octocat', 'maintainer'], ['monalisa', 'member']], [[api, 'write'], [web, 'write']]);
  const reviewers = team(8002, TEAM_SLUGS.reviewers, 'Reviewers', [['monalisa', 'member']], [[api, 'read']], { parent: core, description: null });
  // Secret: monalisa is not in it, so she does not see it; octocat owns the org and does.
  const secret = team(8003, TEAM_SLUGS.secret, 'Security', [['octocat', 'maintainer']], [], { privacy: 'secret' });
  simOrg.teams = [core, reviewers, secret];
}
