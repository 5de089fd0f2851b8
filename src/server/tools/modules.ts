import type { ToolDefinition } from './defineTool';

/*
 * Where each tool is defined. Requiring a file builds its zod schemas, so a file is loaded
 * only when one of its tools is first called: tools/list is served from the catalog
 * (catalog.ts), generated at build time. esbuild turns each `require` into a lazily
 * initialised module; nothing on the startup path may import these files statically.
 */
export const TOOL_MODULES = {
  context: () => (require('./context') as typeof import('./context')).contextTools,
  apps: () => (require('./apps') as typeof import('./apps')).appsTools,
  repos: () => (require('./repos') as typeof import('./repos')).reposTools,
  issues: () => (require('./issues') as typeof import('./issues')).issuesTools,
  issueDetails: () => (require('./issueDetails') as typeof import('./issueDetails')).issueDetailsTools,
  subIssues: () => (require('./subIssues') as typeof import('./subIssues')).subIssuesTools,
  pullRequests: () => (require('./pullRequests') as typeof import('./pullRequests')).pullRequestsTools,
  reviews: () => (require('./reviews') as typeof import('./reviews')).reviewsTools,
  pullRequestUpdates: () => (require('./pullRequestUpdates') as typeof import('./pullRequestUpdates')).pullRequestUpdateTools,
  gitData: () => (require('./gitData') as typeof import('./gitData')).gitDataTools,
  git: () => (require('./git') as typeof import('./git')).gitTools,
  repositories: () => (require('./repositories') as typeof import('./repositories')).repositoriesTools,
  releases: () => (require('./releases') as typeof import('./releases')).releasesTools,
  notifications: () => (require('./notifications') as typeof import('./notifications')).notificationsTools,
  labels: () => (require('./labels') as typeof import('./labels')).labelsTools,
  releaseWrites: () => (require('./releaseWrites') as typeof import('./releaseWrites')).releaseWritesTools,
  orgsStars: () => (require('./orgsStars') as typeof import('./orgsStars')).orgsStarsTools,
  teams: () => (require('./teams') as typeof import('./teams')).teamsTools,
  users: () => (require('./users') as typeof import('./users')).usersTools,
  actions: () => (require('./actions') as typeof import('./actions')).actionsTools,
  requests: () => (require('./requests') as typeof import('./requests')).requestsTools,
  security: () => (require('./security') as typeof import('./security')).securityTools,
  securityAdvisories: () => (require('./securityAdvisories') as typeof import('./securityAdvisories')).securityAdvisoriesTools,
  graphql: () => (require('./graphql') as typeof import('./graphql')).graphqlTools,
  discussions: () => (require('./discussions') as typeof import('./discussions')).discussionsTools,
  gists: () => (require('./gists') as typeof import('./gists')).gistsTools,
  projects: () => (require('./projects') as typeof import('./projects')).projectsTools,
} satisfies Record<string, () => readonly ToolDefinition[]>;

export type ToolModuleId = keyof typeof TOOL_MODULES;

export const TOOL_MODULE_IDS = Object.keys(TOOL_MODULES) as ToolModuleId[];
