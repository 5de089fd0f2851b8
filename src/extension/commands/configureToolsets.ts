import * as vscode from 'vscode';
import { loadServerConfig } from '../../server/config';
import { TOOLSET_DECLARATIONS, toolsetSummary } from '../../server/toolsets';
import { registerCommand, scriptingAllowed } from './command';
import type { Deps } from './deps';

/** Multi-select of the server's toolsets; saved to `pygithubMcp.toolsets`. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.toolsets.configure', 'Configuring toolsets', async (raw?: unknown) => {
    let toolsets: string[] | undefined = scriptingAllowed(context) && Array.isArray(raw) ? raw.map(String) : undefined;
    if (!toolsets) {
      const current = selected(deps.options().toolsets);
      const picked = await vscode.window.showQuickPick(
        TOOLSET_DECLARATIONS.map((toolset) => ({ label: toolset.id, description: toolsetSummary(toolset), picked: current.has(toolset.id) })),
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
