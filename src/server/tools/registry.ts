import type { ServerConfig } from '../config';
import { toolsetDeclaration } from '../toolsets';
import { toolCatalog, type CatalogEntry } from './catalog';
import { isReadOnlyFor, type ToolsetId } from './defineTool';

type Selection = Pick<ServerConfig, 'toolsets' | 'readOnly' | 'tools' | 'excludeTools' | 'readOnlyToolsets'>;

/**
 * The tools this server registers: its toolsets and GITHUB_TOOLS, minus GITHUB_EXCLUDE_TOOLS,
 * minus every write tool where it runs read-only. The apps tools need App auth either way.
 */
export function selectTools(config: Selection, isApp: boolean, catalog: readonly CatalogEntry[] = toolCatalog()): CatalogEntry[] {
  const writes = (entry: CatalogEntry) => !entry.tool.annotations?.readOnlyHint;
  return catalog
    .filter((entry) => (config.toolsets.includes(entry.toolset) || config.tools.includes(entry.tool.name)) && (!needsApp(entry.toolset) || isApp))
    .filter((entry) => !config.excludeTools.includes(entry.tool.name))
    .filter((entry) => !isReadOnlyFor(entry, config) || !writes(entry) || entry.readOnlyVariant)
    .map((entry) => (isReadOnlyFor(entry, config) && entry.readOnlyVariant ? { ...entry, tool: entry.readOnlyVariant } : entry));
}

/** Problems with GITHUB_TOOLS and GITHUB_EXCLUDE_TOOLS, as configuration error lines. */
export function toolNameProblems(config: Pick<Selection, 'tools' | 'excludeTools'>): string[] {
  const known = new Set(toolCatalog().map((entry) => entry.tool.name));
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
