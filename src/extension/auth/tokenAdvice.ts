import { webUrlForApi } from '../../core/hosts';
import type { PermissionLevel, ToolNeeds } from '../../server/tools/defineTool';
import { INCLUDED_SCOPES } from '../../server/tools/needs';
import { loadServerConfig } from '../../server/config';
import { TOOLSET_DECLARATIONS } from '../../server/toolsets';
import { embeddedToolNeeds } from './toolNeedsTable';

/*
 * What a user needs to know about a token before and after GitHub sees it: whether the text
 * is shaped like a GitHub token at all (checked locally, so a password is never sent), and
 * where to create one with the scopes or permissions the enabled toolsets need. Pure: the
 * node unit tests drive it with the catalog built from the tool files.
 */

/** Which kind of token the text is, or why it cannot be one. */
export type TokenShape = { ok: true; kind: 'classic' | 'fine-grained' | 'oauth' | 'app-user' | 'installation' | 'legacy' } | { ok: false; reason: string };

const PREFIXES: ReadonlyArray<[RegExp, Extract<TokenShape, { ok: true }>['kind']]> = [
  [/^ghp_[A-Za-z0-9]{20,251}$/, 'classic'],
  [/^github_pat_[A-Za-z0-9_]{20,251}$/, 'fine-grained'],
  [/^gho_[A-Za-z0-9]{20,251}$/, 'oauth'],
  [/^ghu_[A-Za-z0-9]{20,251}$/, 'app-user'],
  [/^ghs_[A-Za-z0-9]{20,251}$/, 'installation'],
  // Tokens from before April 2021 (and some GitHub Enterprise Server versions): 40 hex digits.
  [/^[0-9a-f]{40}$/i, 'legacy'],
];

/** Never echoes the text: it may be a password typed in the wrong box. */
export function tokenShape(text: string): TokenShape {
  const token = text.trim();
  if (!token) return { ok: false, reason: 'Paste the token.' };
  for (const [pattern, kind] of PREFIXES) if (pattern.test(token)) return { ok: true, kind };
  if (/^ghr_/.test(token)) return { ok: false, reason: 'This is a refresh token (ghr_…), which GitHub accepts only to renew a user token; paste an access token instead.' };
  if (/\s/.test(token)) return { ok: false, reason: 'This is not a GitHub token: tokens have no spaces. Paste a token (ghp_… or github_pat_…), not a password.' };
  if (/^(gh[a-z]_|github_pat_)/.test(token)) return { ok: false, reason: 'This looks like a GitHub token cut short or with extra characters: copy it again in full.' };
  return { ok: false, reason: 'This is not a GitHub token: a token starts with ghp_ (classic) or github_pat_ (fine-grained), or is 40 hex digits. Passwords are not accepted.' };
}

/** One tool's entry in the table embedded at build time (esbuild.mjs, from the tool catalog). */
export interface ToolNeedsEntry {
  name: string;
  toolset: string;
  readOnly: boolean;
  needs: ToolNeeds;
}

export interface NeededGrants {
  /** Classic scopes, without those another needed scope includes. */
  scopes: string[];
  /** Fine-grained permissions at the highest level any tool needs ("metadata: read" is always granted). */
  permissions: Array<[string, PermissionLevel]>;
}

const RANK: Record<PermissionLevel, number> = { read: 1, write: 2, admin: 3 };

/** What the tools of `toolsets` need; a read-only toolset offers no write tools, so their needs do not count. */
export function neededGrants(entries: readonly ToolNeedsEntry[], toolsets: ReadonlySet<string>, readOnly: boolean | ((toolset: string) => boolean)): NeededGrants {
  const readOnlyToolset = typeof readOnly === 'function' ? readOnly : () => readOnly;
  const scopes = new Set<string>();
  const permissions = new Map<string, PermissionLevel>();
  for (const entry of entries) {
    if (!toolsets.has(entry.toolset) || (readOnlyToolset(entry.toolset) && !entry.readOnly)) continue;
    if (entry.needs.scope) scopes.add(entry.needs.scope);
    for (const [name, level] of Object.entries(entry.needs.permissions ?? {})) {
      if (name === 'metadata') continue;
      const held = permissions.get(name);
      if (!held || RANK[level] > RANK[held]) permissions.set(name, level);
    }
  }
  const covered = (scope: string) => [...scopes].some((other) => other !== scope && INCLUDED_SCOPES[other]?.includes(scope));
  return {
    scopes: [...scopes].filter((scope) => !covered(scope)).sort(),
    permissions: [...permissions].sort(([a], [b]) => a.localeCompare(b)),
  };
}

/** Where to create a token on the host of `apiUrl`. */
export function tokenPages(apiUrl: string): { classic: string; fineGrained: string } {
  const web = webUrlForApi(apiUrl).replace(/\/+$/, '');
  return { classic: `${web}/settings/tokens`, fineGrained: `${web}/settings/personal-access-tokens/new` };
}

/** Buttons to the host's token pages; the classic one comes with the needed scopes ticked (GitHub reads `scopes=`). */
export function tokenLinks(apiUrl: string, grants: NeededGrants | undefined): Array<{ label: string; url: string }> {
  const pages = tokenPages(apiUrl);
  const query = new URLSearchParams({ description: 'PyGithub MCP', ...(grants?.scopes.length ? { scopes: grants.scopes.join(',') } : {}) });
  return [
    { label: 'Create Classic Token…', url: `${pages.classic}/new?${query.toString()}` },
    { label: 'Create Fine-Grained Token…', url: pages.fineGrained },
  ];
}

/** The advice shown when GitHub refuses a token: where to make a new one, and what to give it. */
export function tokenAdvice(apiUrl: string, grants: NeededGrants | undefined, toolsets: readonly string[]): string {
  const pages = tokenPages(apiUrl);
  const scopes = grants?.scopes.length ? `the scopes ${grants.scopes.join(', ')}` : 'no scope';
  const permissions = grants?.permissions.length ? grants.permissions.map(([name, level]) => `${name}: ${level}`).join(', ') : 'repository access only';
  const need = grants ? ` For the enabled toolsets (${toolsets.join(', ')}), a classic token needs ${scopes}; a fine-grained token needs ${permissions}.` : '';
  return `Create a token at ${pages.classic} (classic) or ${pages.fineGrained} (fine-grained).${need}`;
}

/** The toolsets a token's server offers with these settings; App-only toolsets never join a token. */
export function tokenToolsets(options: { toolsets: string[] }): string[] {
  const appOnly = new Set(TOOLSET_DECLARATIONS.filter((toolset) => 'needsApp' in toolset && toolset.needsApp).map((toolset) => toolset.id));
  try {
    return loadServerConfig({ GITHUB_TOOLSETS: options.toolsets.join(',') || 'default' }).toolsets.filter((id) => !appOnly.has(id));
  } catch {
    return [];
  }
}

/** tokenAdvice and tokenLinks for the current settings, from the needs table embedded at build time (or `entries`). */
export function tokenHelpFor(
  apiUrl: string,
  options: { toolsets: string[]; readOnly: boolean; readOnlyToolsets: string[] },
  entries: readonly ToolNeedsEntry[] | undefined = embeddedToolNeeds(),
): { advice: string; links: Array<{ label: string; url: string }> } {
  const toolsets = tokenToolsets(options);
  const grants = entries ? neededGrants(entries, new Set(toolsets), (id) => options.readOnly || options.readOnlyToolsets.includes(id)) : undefined;
  return { advice: tokenAdvice(apiUrl, grants, toolsets), links: tokenLinks(apiUrl, grants) };
}
