import { z } from 'zod';
import type { InstallationToken } from '../../core/auth/installation';
import { GitHubError } from '../../core/errors';
import type { GithubIntegration } from '../../core/integration';
import { defineTool, pageInfo, pagination, type ToolContext, WRITE } from './defineTool';
import {
  appSchema,
  installationRepositorySchema,
  installationSchema,
  installationTokenSchema,
  objectAnswer,
  shapeApp,
  shapeEach,
  shapeInstallation,
  shapeInstallationRepository,
  shapeInstallationToken,
} from './shape';

/* PyGithub's GithubIntegration, one tool per operation. Registered only with App auth. */

const permissionLevel = z.enum(['read', 'write', 'admin']);

function integrationOf({ github }: ToolContext): GithubIntegration {
  if (!github.integration) throw new GitHubError('config', 'These tools need GitHub App auth (GITHUB_APP_ID with a private key, or GITHUB_APP_JWT).');
  return github.integration;
}

const appOnly = { readOnlyHint: true, openWorldHint: true } as const;

export const appsTools = [
  defineTool({
    name: 'get_app',
    toolset: 'apps',
    title: 'Get the GitHub App',
    description: 'The authenticated GitHub App: id, slug, name, owner, permissions, events and installation count (GithubIntegration.get_app).',
    input: {},
    output: appSchema.shape,
    annotations: appOnly,
    needs: {},
    async handler(_args, ctx) {
      return { data: shapeApp(objectAnswer(await integrationOf(ctx).getApp(), 'the App (GET /app)')) };
    },
  }),

  defineTool({
    name: 'list_installations',
    toolset: 'apps',
    title: 'List App installations',
    description: 'Accounts the App is installed on, with repository selection, permissions and suspension (GithubIntegration.get_installations). Paginated.',
    input: { ...pagination },
    output: { items: z.array(installationSchema), ...pageInfo },
    annotations: appOnly,
    needs: {},
    async handler({ page, perPage }, ctx) {
      const result = await integrationOf(ctx).listInstallations(page, perPage ?? ctx.config.core.perPage);
      return { data: { ...result, items: shapeEach(result.items, shapeInstallation) } };
    },
  }),

  defineTool({
    name: 'get_installation',
    toolset: 'apps',
    title: 'Get an App installation',
    description:
      'One installation, found by exactly one of: installation_id; owner and repo; org; or username (get_app_installation, get_repo_installation, get_org_installation, get_user_installation).',
    input: {
      installation_id: z.number().int().positive().optional(),
      owner: z.string().min(1).optional(),
      repo: z.string().min(1).optional(),
      org: z.string().min(1).optional(),
      username: z.string().min(1).optional(),
    },
    output: installationSchema.shape,
    annotations: appOnly,
    needs: {},
    async handler({ installation_id, owner, repo, org, username }, ctx) {
      const ways = [installation_id !== undefined, owner !== undefined || repo !== undefined, org !== undefined, username !== undefined];
      if (ways.filter(Boolean).length !== 1 || (ways[1] && (!owner || !repo))) {
        throw new GitHubError('validation', 'Give exactly one of: installation_id; owner and repo (both); org; or username.');
      }
      const integration = integrationOf(ctx);
      const installation =
        installation_id !== undefined
          ? await integration.getInstallation(installation_id)
          : owner && repo
            ? await integration.getRepoInstallation(owner, repo)
            : org
              ? await integration.getOrgInstallation(org)
              : await integration.getUserInstallation(username!);
      return { data: shapeInstallation(objectAnswer(installation, 'the installation')) };
    },
  }),

  defineTool({
    name: 'list_installation_repositories',
    toolset: 'apps',
    title: 'List an installation\'s repositories',
    description: 'Repositories one installation can access, using that installation\'s token. Paginated.',
    input: { installation_id: z.number().int().positive(), ...pagination },
    output: { items: z.array(installationRepositorySchema), ...pageInfo },
    annotations: appOnly,
    needs: { permissions: { metadata: 'read' } },
    async handler({ installation_id, page, perPage }, ctx) {
      const result = await integrationOf(ctx).listInstallationRepositories(installation_id, page, perPage ?? ctx.config.core.perPage);
      return { data: { ...result, items: shapeEach(result.items, shapeInstallationRepository) } };
    },
  }),

  defineTool({
    name: 'create_installation_token',
    toolset: 'apps',
    title: 'Create an installation access token',
    description:
      'Mints an installation access token, optionally narrowed to fewer permissions and repositories (GithubIntegration.get_access_token). Returns its expiry, permissions and repositories. ' +
      'The token itself is returned only when the server runs with GITHUB_EXPOSE_TOKENS=1.',
    input: {
      installation_id: z.number().int().positive(),
      permissions: z.record(z.string(), permissionLevel).optional().describe('e.g. {"issues":"write","contents":"read"}; must not exceed the installation\'s'),
      repositories: z.array(z.string().min(1)).max(500).optional().describe('Repository names (without owner) to limit the token to'),
    },
    output: installationTokenSchema.shape,
    annotations: WRITE,
    needs: {},
    async handler({ installation_id, permissions, repositories }, ctx) {
      const minted: InstallationToken = await integrationOf(ctx).createAccessToken(installation_id, { permissions, repositoryNames: repositories });
      const summary = shapeInstallationToken(minted);
      if (!ctx.config.exposeTokens) {
        return { data: { ...summary, tokenWithheld: 'Start the server with GITHUB_EXPOSE_TOKENS=1 to receive the token itself.' } };
      }
      const token = minted.token.reveal();
      if (typeof token !== 'string' || token === '') return { data: { ...summary, tokenWithheld: 'GitHub\'s answer held no token.' } };
      return { data: { ...summary, token }, exposedSecrets: [token] };
    },
  }),

  defineTool({
    name: 'create_jwt',
    toolset: 'apps',
    title: 'Create an App JWT',
    description:
      'Signs a JWT for the App (GithubIntegration.create_jwt) and returns its claims. The JWT itself is returned only when the server runs with GITHUB_EXPOSE_TOKENS=1 and not read-only.',
    input: { expiration: z.number().int().min(15).max(600).optional().describe('Lifetime in seconds, 15 to 600 (default: GITHUB_JWT_EXPIRY)') },
    output: {
      claims: z.object({ iat: z.number(), exp: z.number(), iss: z.string() }),
      expiresAt: z.string(),
      jwt: z.string().optional(),
      jwtWithheld: z.string().optional(),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    needs: {},
    async handler({ expiration }, ctx) {
      const signed = integrationOf(ctx).createJwt(expiration);
      // In read-only mode the JWT stays withheld even with GITHUB_EXPOSE_TOKENS: it could mint tokens that write.
      if (!ctx.config.exposeTokens || ctx.config.readOnly) {
        const jwtWithheld = ctx.config.readOnly
          ? 'Read-only mode withholds the JWT: it could mint tokens that write.'
          : 'Start the server with GITHUB_EXPOSE_TOKENS=1 to receive the JWT itself.';
        return { data: { claims: signed.claims, expiresAt: signed.expiresAt, jwtWithheld } };
      }
      return { data: { claims: signed.claims, expiresAt: signed.expiresAt, jwt: signed.jwt }, exposedSecrets: [signed.jwt] };
    },
  }),
];
