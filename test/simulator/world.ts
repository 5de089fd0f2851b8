import type { Account, App, Installation, OAuthApp, Repo } from './model';

// The mutable state of the simulated GitHub plus lookups. Logins and repo
// names are case-insensitive on GitHub, hence the lowercased keys.
export class World {
  readonly accounts = new Map<string, Account>();
  readonly accountsById = new Map<number, Account>();
  readonly apps = new Map<number, App>();
  readonly oauthApps: OAuthApp[] = [];
  readonly installations = new Map<number, Installation>();
  readonly repos = new Map<string, Repo>();
  readonly reposById = new Map<number, Repo>();
  private nextId = 10_000_000;

  /** Fresh ids for issues, comments, labels and the like. */
  id(): number {
    return this.nextId++;
  }

  addAccount(account: Account): Account {
    this.accounts.set(account.login.toLowerCase(), account);
    this.accountsById.set(account.id, account);
    return account;
  }

  account(login: string): Account | undefined {
    return this.accounts.get(login.toLowerCase());
  }

  addRepo(repo: Repo): Repo {
    this.repos.set(`${repo.owner.login}/${repo.name}`.toLowerCase(), repo);
    this.reposById.set(repo.id, repo);
    return repo;
  }

  repo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  reposOf(account: Account): Repo[] {
    return [...this.repos.values()].filter((r) => r.owner.id === account.id).sort((a, b) => a.id - b.id);
  }

  appByClientId(clientId: string): App | undefined {
    return [...this.apps.values()].find((a) => a.clientId === clientId);
  }

  installationsOf(appId: number): Installation[] {
    return [...this.installations.values()].filter((i) => i.appId === appId).sort((a, b) => a.id - b.id);
  }

  /** Repositories an installation covers, by its own selection. */
  installationRepos(inst: Installation): Repo[] {
    if (inst.repositorySelection === 'all') return this.reposOf(inst.account);
    return [...inst.repositoryIds].map((id) => this.reposById.get(id)).filter((r): r is Repo => !!r).sort((a, b) => a.id - b.id);
  }

  /** The installation of `appId` whose selection includes `repo`, if any. */
  installationForRepo(appId: number, repo: Repo): Installation | undefined {
    return this.installationsOf(appId).find(
      (i) => i.account.id === repo.owner.id && (i.repositorySelection === 'all' || i.repositoryIds.has(repo.id)),
    );
  }

  installationForAccount(appId: number, account: Account): Installation | undefined {
    return this.installationsOf(appId).find((i) => i.account.id === account.id);
  }
}
