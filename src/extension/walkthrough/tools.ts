/** Pure: which tools VS Code offers agent mode come from PyGithub MCP servers. */

export interface ToolsCheck {
  /** How many tools of PyGithub MCP servers VS Code offers to agent mode now. */
  tools: number;
  /** VS Code's tool-name prefix of each server that offers them (`mcp_<server>_`). */
  servers: string[];
}

/**
 * Every PyGithub MCP server offers `auth_status` (the always-on context toolset), which no
 * other well-known GitHub server has: its name gives the server's prefix.
 */
export function pyGithubTools(tools: readonly { name: string }[]): ToolsCheck {
  const servers = tools.map((tool) => /^(mcp_.+_)auth_status$/.exec(tool.name)?.[1]).filter((prefix): prefix is string => prefix !== undefined);
  return { tools: tools.filter((tool) => servers.some((prefix) => tool.name.startsWith(prefix))).length, servers };
}
