import type { AppAuthStrategy } from './auth/app';
import type { InstallationToken, Narrowing } from './auth/installation';
import type { SignedJwt } from './auth/jwt';
import { toPage, type Page } from './client/pages';
import { GitHubError } from './errors';
import type { GitHub } from './github';
import { Secret } from './secret';

/* Octokit's generated response types are huge unions; the integration hands plain records onward. */
type Json = Record<string, unknown>;

/**
 * PyGithub's GithubIntegration: the App's own view of GitHub. App-level routes are sent
 * with the JWT by the auth hook; installation repositories with that installation's token.
 */
export class GithubIntegration {
  constructor(
    private readonly github: GitHub,
    private readonly auth: AppAuthStrategy | { method: 'app_token' },
  ) {}

  async getApp(): Promise<Json> {
    return (await (await this.github.client()).request('GET /app')).data as Json;
  }

  async listInstallations(page: number, perPage: number): Promise<Page<Json>> {
    const response = await (await this.github.client()).request('GET /app/installations', { page, per_page: perPage });
    return toPage(response.data as Json[], response, page, perPage);
  }

  async getInstallation(installationId: number): Promise<Json> {
    return (await (await this.github.client()).request('GET /app/installations/{installation_id}', { installation_id: installationId })).data as Json;
  }

  async getRepoInstallation(owner: string, repo: string): Promise<Json & { id: number }> {
    return (await (await this.github.client()).request('GET /repos/{owner}/{repo}/installation', { owner, repo })).data as Json & { id: number };
  }

  async getOrgInstallation(org: string): Promise<Json & { id: number }> {
    return (await (await this.github.client()).request('GET /orgs/{org}/installation', { org })).data as Json & { id: number };
  }

  async getUserInstallation(username: string): Promise<Json & { id: number }> {
    return (await (await this.github.client()).request('GET /users/{username}/installation', { username })).data as Json & { id: number };
  }

  /** An owner may be an org or a user; GitHub answers 404 on the wrong route. */
  async getOwnerInstallation(owner: string): Promise<Json & { id: number }> {
    try {
      return await this.getOrgInstallation(owner);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      return this.getUserInstallation(owner);
    }
  }

  async listInstallationRepositories(installationId: number, page: number, perPage: number): Promise<Page<Json>> {
    const response = await this.github.forInstallation(installationId).request('GET /installation/repositories', { page, per_page: perPage });
    const data = answer<{ total_count?: number; repositories?: Json[] }>(response.data, 'GET /installation/repositories');
    if (!Array.isArray(data.repositories)) throw new GitHubError('server', "GitHub's answer to GET /installation/repositories could not be read: it has no repositories list.");
    return toPage(data.repositories, response, page, perPage, data.total_count);
  }

  /** GithubIntegration.get_access_token: a fresh, optionally narrowed installation token. */
  async createAccessToken(installationId: number, narrowing: Narrowing = {}): Promise<InstallationToken> {
    if ('installations' in this.auth) return this.auth.installations.mint(installationId, narrowing);
    // A fixed JWT (AppAuthToken) can still mint, through the plain endpoint.
    const response = await (await this.github.client()).request('POST /app/installations/{installation_id}/access_tokens', {
      installation_id: installationId,
      ...(narrowing.permissions ? { permissions: narrowing.permissions } : {}),
      ...(narrowing.repositoryNames ? { repositories: narrowing.repositoryNames } : {}),
      ...(narrowing.repositoryIds ? { repository_ids: narrowing.repositoryIds } : {}),
    });
    const data = answer<{ token?: string; expires_at: string; permissions: Json; repository_selection: string; repositories?: Array<{ name: string }> }>(
      response.data,
      `POST /app/installations/${installationId}/access_tokens`,
    );
    if (typeof data.token !== 'string') throw new GitHubError('server', `GitHub's answer to POST /app/installations/${installationId}/access_tokens could not be read: it holds no token.`);
    return {
      token: new Secret(data.token, { shortLived: true }),
      installationId,
      expiresAt: data.expires_at,
      permissions: data.permissions as InstallationToken['permissions'],
      repositorySelection: data.repository_selection,
      repositoryNames: data.repositories?.map((repository) => repository.name),
    };
  }

  /** GithubIntegration.create_jwt; needs the private key, which a fixed JWT does not come with. */
  createJwt(expirySeconds?: number): SignedJwt {
    if (!('createJwt' in this.auth)) {
      throw new GitHubError('config', 'The server was given a fixed JWT (GITHUB_APP_JWT) and has no private key to sign new ones.');
    }
    return this.auth.createJwt(expirySeconds);
  }
}

/** GitHub's answer as the object it should be, or a clear error instead of a TypeError further on. */
function answer<T>(data: unknown, what: string): T {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new GitHubError('server', `GitHub's answer to ${what} could not be read: it is not a JSON object.`);
  return data as T;
}
