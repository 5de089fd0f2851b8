import type { PermissionLevel, ToolNeeds } from './defineTool';

/*
 * Judges a tool's declared needs against what an identity holds: a classic token's OAuth
 * scopes, or an installation's permissions. auth_status reports the result, grouped by
 * what is missing; the rules are GitHub's documented ones.
 */

const LEVELS: Record<PermissionLevel, number> = { read: 1, write: 2, admin: 3 };

/** Classic scopes that include others (docs: "Scopes for OAuth apps"). */
export const INCLUDED_SCOPES: Record<string, readonly string[]> = {
  repo: ['public_repo', 'repo:status', 'repo_deployment', 'repo:invite', 'security_events', 'notifications'],
  'admin:org': ['write:org', 'read:org'],
  'write:org': ['read:org'],
  'admin:repo_hook': ['write:repo_hook', 'read:repo_hook'],
  'write:repo_hook': ['read:repo_hook'],
  'admin:public_key': ['write:public_key', 'read:public_key'],
  'write:public_key': ['read:public_key'],
  'admin:gpg_key': ['write:gpg_key', 'read:gpg_key'],
  'write:gpg_key': ['read:gpg_key'],
  user: ['read:user', 'user:email', 'user:follow'],
  project: ['read:project'],
  'write:discussion': ['read:discussion'],
  'write:packages': ['read:packages'],
};

/** The needed scope, when none of `scopes` is it or includes it. */
export function missingScope(needs: ToolNeeds, scopes: readonly string[]): string[] {
  const { scope } = needs;
  if (!scope || scopes.some((held) => held === scope || INCLUDED_SCOPES[held]?.includes(scope))) return [];
  return [`scope ${scope}`];
}

/** The needed permissions an installation lacks, as "issues: write"; every installation can read metadata. */
export function missingPermissions(needs: ToolNeeds, granted: Readonly<Record<string, string>>): string[] {
  return Object.entries(needs.permissions ?? {})
    .filter(([name, level]) => !(name === 'metadata' || LEVELS[granted[name] as PermissionLevel] >= LEVELS[level]))
    .map(([name, level]) => `${name}: ${level}`);
}

export interface Unusable {
  missing: string;
  tools: string[];
}

/** The tools that lack something, grouped by what they lack. */
export function unusableTools(tools: readonly { name: string; needs: ToolNeeds }[], missingOf: (needs: ToolNeeds) => string[]): Unusable[] {
  const groups = new Map<string, string[]>();
  for (const tool of tools) {
    const missing = missingOf(tool.needs);
    if (missing.length === 0) continue;
    const key = missing.join(', ');
    groups.set(key, [...(groups.get(key) ?? []), tool.name]);
  }
  return [...groups].map(([missing, names]) => ({ missing, tools: names }));
}
