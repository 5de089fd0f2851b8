import * as vscode from 'vscode';
import { DEFAULT_TOOLSETS, TOOLSETS } from '../../server/config';
import { registerCommand } from './command';
import type { Deps } from './deps';

const DESCRIPTIONS: Record<string, string> = {
  context: 'auth_status, get_me, rate limit (always on)',
  apps: 'App, installations, installation tokens, JWT (on with App auth)',
  repos: 'repositories, files, branches, commits',
  issues: 'issues and comments',
  pull_requests: 'pull requests, diffs, merging',
  users: 'user search',
  requests: 'github_request: any REST call',
};

/** Multi-select of the server's toolsets; saved to `pygithubMcp.toolsets`, which restarts the servers. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.toolsets.configure', 'Configuring toolsets', async (raw?: unknown) => {
    let toolsets: string[] | undefined = Array.isArray(raw) ? raw.map(String) : undefined;
    if (!toolsets) {
      const current = expand(deps.options().toolsets);
      const picked = await vscode.window.showQuickPick(
        TOOLSETS.map((id) => ({ label: id, description: DESCRIPTIONS[id], picked: current.has(id) })),
        { canPickMany: true, placeHolder: 'Toolsets the MCP servers offer to Copilot', ignoreFocusOut: true },
      );
      if (!picked) return undefined;
      toolsets = picked.map((item) => item.label);
    }
    await deps.updateSetting('toolsets', toolsets.length ? toolsets : ['default']);
    return toolsets;
  });
}

function expand(names: string[]): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    if (name === 'all') TOOLSETS.forEach((t) => out.add(t));
    else if (name === 'default') DEFAULT_TOOLSETS.forEach((t) => out.add(t));
    else out.add(name);
  }
  return out;
}
