import * as vscode from 'vscode';
import { loadServerConfig } from '../../server/config';
import { TOOLSET_DECLARATIONS, toolsetSummary, type ToolsetDeclaration } from '../../server/toolsets';
import { quickPick } from '../ui/prompts';
import { registerCommand, scriptingAllowed } from './command';
import type { Deps } from './deps';

/**
 * Multi-select of the server's toolsets; saved to `pygithubMcp.toolsets`. Toolsets the user
 * cannot switch (always on; on with App auth) are not offered as checkboxes: the picker's
 * title and a separator say how they are on.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.toolsets.configure', 'Configuring toolsets', async (raw?: unknown) => {
    let toolsets: string[] | undefined = scriptingAllowed(context) && Array.isArray(raw) ? raw.map(String).filter((id) => !fixedState(id)) : undefined;
    if (!toolsets) {
      const current = selected(deps.options().toolsets);
      const picked = await quickPick(toolsetItems(current), {
        canPickMany: true,
        title: `Toolsets: ${fixedSummary()}`,
        placeHolder: 'Toolsets the MCP servers offer to Copilot',
        ignoreFocusOut: true,
      });
      if (!picked) return undefined;
      toolsets = picked.map((item) => item.toolset).filter((id): id is string => id !== undefined);
    }
    await deps.updateSetting('toolsets', toolsets.length ? toolsets : ['default']);
    return toolsets;
  });
}

type ToolsetItem = vscode.QuickPickItem & { toolset?: string };

/** How a toolset the user cannot switch is on; undefined for the ones they choose. */
export function fixedState(id: string): string | undefined {
  const toolset = TOOLSET_DECLARATIONS.find((candidate) => candidate.id === id) as ToolsetDeclaration | undefined;
  if (toolset?.alwaysOn) return 'always on';
  if (toolset?.needsApp) return 'on with App auth';
  return undefined;
}

function fixedSummary(): string {
  return TOOLSET_DECLARATIONS.filter((toolset) => fixedState(toolset.id))
    .map((toolset) => `${toolset.id} ${fixedState(toolset.id)}`)
    .join(', ');
}

/** The checkboxes: only toolsets the setting decides, under a separator that names the fixed ones. */
export function toolsetItems(current: ReadonlySet<string>): ToolsetItem[] {
  const choosable = TOOLSET_DECLARATIONS.filter((toolset) => !fixedState(toolset.id));
  return [
    { label: fixedSummary(), kind: vscode.QuickPickItemKind.Separator },
    ...choosable.map((toolset) => ({ label: toolset.id, description: toolsetSummary(toolset), picked: current.has(toolset.id), toolset: toolset.id })),
  ];
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
