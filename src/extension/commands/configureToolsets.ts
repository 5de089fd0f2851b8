import * as vscode from 'vscode';
import { loadServerConfig, TOOLSETS } from '../../server/config';
import type { ToolsetId } from '../../server/tools/defineTool';
import { registerCommand, scriptingAllowed } from './command';
import type { Deps } from './deps';

/** One line per toolset for the picker; keyed by ToolsetId so a new toolset fails the type check until described. */
const DESCRIPTIONS: Record<ToolsetId, string> = {
  context: 'auth_status, get_me, rate limit (always on)',
  apps: 'App, installations, installation tokens, JWT (on with App auth)',
  repos: 'repositories, files, branches, commits',
  issues: 'issues and comments',
  pull_requests: 'pull requests, diffs, merging',
  users: 'user search',
  requests: 'github_request: any REST call (not in default)',
};

/** Multi-select of the server's toolsets; saved to `pygithubMcp.toolsets`. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.toolsets.configure', 'Configuring toolsets', async (raw?: unknown) => {
    let toolsets: string[] | undefined = scriptingAllowed(context) && Array.isArray(raw) ? raw.map(String) : undefined;
    if (!toolsets) {
      const current = selected(deps.options().toolsets);
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

/** The toolsets a setting selects, resolved by the server's own code ('default', 'all'). */
function selected(names: string[]): Set<string> {
  try {
    return new Set(loadServerConfig({ GITHUB_TOOLSETS: names.join(',') || 'default' }).toolsets);
  } catch {
    // An unknown name in settings.json: show nothing picked rather than fail the command.
    return new Set();
  }
}
