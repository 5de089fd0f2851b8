import type { ToolNeedsEntry } from './tokenAdvice';

/**
 * Each tool's name, toolset, read-only flag and declared needs, embedded by esbuild.mjs from
 * the generated tool catalog: the extension never loads the tool files (or zod) to know what
 * a token must grant. Undefined in watch builds, which embed no catalog.
 */
declare const __TOOL_NEEDS__: string | undefined;

let table: readonly ToolNeedsEntry[] | undefined;

export function embeddedToolNeeds(): readonly ToolNeedsEntry[] | undefined {
  if (typeof __TOOL_NEEDS__ !== 'string') return undefined;
  return (table ??= JSON.parse(__TOOL_NEEDS__) as ToolNeedsEntry[]);
}
