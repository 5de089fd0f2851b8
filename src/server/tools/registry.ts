import type { ServerConfig } from '../config';
import { appsTools } from './apps';
import { contextTools } from './context';
import type { ToolDefinition } from './defineTool';
import { issuesTools } from './issues';
import { pullRequestsTools } from './pullRequests';
import { reposTools } from './repos';
import { requestsTools } from './requests';
import { usersTools } from './users';

export const ALL_TOOLS: readonly ToolDefinition[] = [
  ...contextTools,
  ...appsTools,
  ...reposTools,
  ...issuesTools,
  ...pullRequestsTools,
  ...usersTools,
  ...requestsTools,
];

/** The tools this server registers: its toolsets, minus every write tool in read-only mode. */
export function selectTools(config: Pick<ServerConfig, 'toolsets' | 'readOnly'>, isApp: boolean): ToolDefinition[] {
  return ALL_TOOLS.filter((tool) => config.toolsets.includes(tool.toolset) && (tool.toolset !== 'apps' || isApp))
    .filter((tool) => !config.readOnly || tool.annotations.readOnlyHint || tool.enforcesReadOnly)
    .map((tool) =>
      config.readOnly && !tool.annotations.readOnlyHint
        ? { ...tool, annotations: { ...tool.annotations, readOnlyHint: true, destructiveHint: false } }
        : tool,
    );
}
