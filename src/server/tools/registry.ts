import type { ServerConfig } from '../config';
import { appsTools } from './apps';
import { contextTools } from './context';
import { toolsetDeclaration } from '../toolsets';
import { isReadOnlyFor, type ToolDefinition, type ToolsetId } from './defineTool';
import { issuesTools } from './issues';
import { pullRequestsTools } from './pullRequests';
import { reposTools } from './repos';
import { requestsTools } from './requests';
import { reviewsTools } from './reviews';
import { usersTools } from './users';

export const ALL_TOOLS: readonly ToolDefinition[] = [
  ...contextTools,
  ...appsTools,
  ...reposTools,
  ...issuesTools,
  ...pullRequestsTools,
  ...reviewsTools,
  ...usersTools,
  ...requestsTools,
];

type Selection = Pick<ServerConfig, 'toolsets' | 'readOnly' | 'tools' | 'excludeTools' | 'readOnlyToolsets'>;

/**
 * The tools this server registers: its toolsets and GITHUB_TOOLS, minus GITHUB_EXCLUDE_TOOLS,
 * minus every write tool where it runs read-only. The apps tools need App auth either way.
 */
export function selectTools(config: Selection, isApp: boolean): ToolDefinition[] {
  return ALL_TOOLS.filter((tool) => (config.toolsets.includes(tool.toolset) || config.tools.includes(tool.name)) && (!needsApp(tool.toolset) || isApp))
    .filter((tool) => !config.excludeTools.includes(tool.name))
    .filter((tool) => !isReadOnlyFor(tool, config) || tool.annotations.readOnlyHint || tool.enforcesReadOnly)
    .map((tool) =>
      isReadOnlyFor(tool, config) && !tool.annotations.readOnlyHint
        ? { ...tool, annotations: { ...tool.annotations, readOnlyHint: true, destructiveHint: false } }
        : tool,
    );
}

/** Problems with GITHUB_TOOLS and GITHUB_EXCLUDE_TOOLS, as configuration error lines. */
export function toolNameProblems(config: Pick<Selection, 'tools' | 'excludeTools'>): string[] {
  const known = new Set(ALL_TOOLS.map((tool) => tool.name));
  const problems: string[] = [];
  for (const [variable, list] of [['GITHUB_TOOLS', config.tools], ['GITHUB_EXCLUDE_TOOLS', config.excludeTools]] as const) {
    const unknown = list.filter((name) => !known.has(name));
    if (unknown.length > 0) problems.push(`  - ${variable}: unknown tool ${unknown.map((n) => JSON.stringify(n.slice(0, 60))).join(', ')}; the README lists the tools`);
  }
  // auth_status is how a user finds out why nothing works.
  if (config.excludeTools.includes('auth_status')) problems.push('  - GITHUB_EXCLUDE_TOOLS: auth_status cannot be left out');
  return problems;
}

function needsApp(id: ToolsetId): boolean {
  return toolsetDeclaration(id).needsApp === true;
}
