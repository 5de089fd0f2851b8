/**
 * The toolsets, each declared once: everything else is derived from this list or checked
 * against it by a test (configuration parsing, the package.json enums, the extension's
 * picker, the README's tool table, the server instructions). Tools name their toolset by id.
 * Plain data without the tools themselves, so the extension can load it cheaply.
 */
export interface ToolsetDeclaration {
  id: string;
  /** Its name for people: pickers and the README. */
  title: string;
  /** One line for pickers and the settings enum. */
  description: string;
  /** In `default` (GITHUB_TOOLSETS unset). */
  default: boolean;
  /** Joins by itself with App auth, and only then works. */
  needsApp?: boolean;
  /** Always on, whatever is selected. */
  alwaysOn?: boolean;
  /** What the server instructions say when the toolset is on. */
  instructions?: string;
}

export const TOOLSET_DECLARATIONS = [
  {
    id: 'context',
    title: 'Context',
    description: 'auth_status, get_me, rate limits',
    default: true,
    alwaysOn: true,
    instructions: 'Call auth_status first when you need to know who this server acts as, or why a call is refused.',
  },
  {
    id: 'apps',
    title: 'GitHub Apps',
    description: 'The App, its installations, installation tokens, JWT',
    default: false,
    needsApp: true,
    instructions: 'As a GitHub App, repository tools act as the installation covering that repository; list_installations shows which those are.',
  },
  { id: 'repos', title: 'Repositories', description: 'Repositories, files, branches, commits, tags, pushes', default: true, instructions: 'Read a file with get_file_contents before changing it, and pass its sha to create_or_update_file.' },
  { id: 'git', title: 'Git', description: 'Git trees', default: true },
  { id: 'releases', title: 'Releases', description: 'Releases', default: false },
  { id: 'issues', title: 'Issues', description: 'Issues, comments, labels, milestones, timelines', default: true },
  { id: 'sub_issues', title: 'Sub-issues', description: 'Sub-issues: list, add, remove, reorder', default: false },
  { id: 'pull_requests', title: 'Pull requests', description: 'Pull requests, reviews, review threads, status, merging', default: true },
  { id: 'users', title: 'Users', description: 'User search', default: true },
  // actions (issue 8)
  {
    id: 'actions',
    title: 'Actions',
    description: 'GitHub Actions: workflows, runs, jobs, logs, artifacts; dispatch, re-run, cancel',
    default: false,
    instructions: 'For a failed workflow run, get_job_logs with run_id and failed_only: true shows the end of each failed job\'s log.',
  },
  // ---- issue 8, notify area: notifications, labels, milestones
  {
    id: 'notifications',
    title: 'Notifications',
    description: 'Notifications: list, read, dismiss, thread and repository subscriptions (user tokens only)',
    default: false,
    instructions: 'Notification tools need a user token; GitHub refuses them to GitHub Apps.',
  },
  { id: 'labels', title: 'Labels', description: 'Repository labels: list, create, update, delete', default: false },
  { id: 'milestones', title: 'Milestones', description: 'Milestones: create, update', default: false },
  { id: 'orgs', title: 'Organizations', description: 'Organization search and members', default: false },
  { id: 'stargazers', title: 'Stars', description: 'Starred repositories: list, star, unstar (user tokens for your own)', default: false },
  // ---- end of notify area
  {
    id: 'requests',
    title: 'Requests',
    description: 'github_request and github_graphql: any REST or GraphQL call (turn it on knowingly; not in default)',
    default: false,
    instructions: 'Use github_request or github_graphql only when no other tool does the job.',
  },
  // ---- security toolsets (issue 8: security area)
  { id: 'code_security', title: 'Code security', description: 'Code scanning alerts', default: false },
  {
    id: 'secret_protection',
    title: 'Secret protection',
    description: 'Secret scanning alerts',
    default: false,
    instructions: 'Secret scanning alerts withhold the leaked value unless the server runs with GITHUB_EXPOSE_TOKENS=1.',
  },
  { id: 'dependabot', title: 'Dependabot', description: 'Dependabot alerts', default: false },
  { id: 'security_advisories', title: 'Security advisories', description: 'Global and repository security advisories', default: false },
  // GraphQL-backed opt-in toolsets (issue 8)
  { id: 'discussions', title: 'Discussions', description: 'Repository discussions: list, read, categories, create, comment (GraphQL)', default: false },
  // ---- gists (issue 8: gists area)
  {
    id: 'gists',
    title: 'Gists',
    description: 'Gists: list, read, create, update (user tokens, not App installations)',
    default: false,
    instructions: 'Gist tools need a user token (a personal access token or a GitHub App user token); GitHub refuses them to App installations.',
  },
  // ---- end of gists
  // ---- projects (issue 8: projects area)
  {
    id: 'projects',
    title: 'Projects',
    description: 'Projects (v2): projects, fields, items; add, set a field, remove',
    default: false,
    instructions: 'Project items are addressed by item_id (from list_project_items), not issue numbers; field values are set by field_id and, for single-select and iteration fields, an option or iteration id from list_project_fields.',
  },
  // ---- end of projects
] as const satisfies readonly ToolsetDeclaration[];

export type ToolsetId = (typeof TOOLSET_DECLARATIONS)[number]['id'];

export const TOOLSETS: readonly ToolsetId[] = TOOLSET_DECLARATIONS.map((toolset) => toolset.id);
export const DEFAULT_TOOLSETS: readonly ToolsetId[] = TOOLSET_DECLARATIONS.filter((toolset) => toolset.default).map((toolset) => toolset.id);

export function toolsetDeclaration(id: ToolsetId): ToolsetDeclaration {
  return TOOLSET_DECLARATIONS.find((toolset) => toolset.id === id)!;
}

/** What a picker or the settings enum says of a toolset: its line, and when it is on by itself. */
export function toolsetSummary(toolset: ToolsetDeclaration): string {
  return `${toolset.description}${toolset.alwaysOn ? ' (always on)' : toolset.needsApp ? ' (on with App auth)' : ''}`;
}

/** The server instructions for these toolsets, composed as github-mcp-server composes its own. */
export function instructionsFor(toolsets: readonly ToolsetId[]): string {
  const lines = TOOLSET_DECLARATIONS.filter((toolset) => toolsets.includes(toolset.id)).flatMap((toolset) => ('instructions' in toolset ? [toolset.instructions] : []));
  return ['GitHub tools acting as the identity configured for this server.', ...lines].join(' ');
}
