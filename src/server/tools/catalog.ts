import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolDefinition, ToolNeeds, ToolsetId } from './defineTool';
import { TOOL_MODULE_IDS, TOOL_MODULES, type ToolModuleId } from './modules';
import { outputSchemaOf } from './result';

/**
 * What the server knows of a tool before loading it: its tools/list entry, its toolset, what
 * it needs, and the file that defines it. esbuild.mjs generates the catalog at build time and
 * embeds it as __TOOL_CATALOG__, so a start parses one JSON string instead of building every
 * zod schema and converting it to JSON Schema; without it (tests, tsx) it is built here.
 */
export interface CatalogEntry {
  tool: Tool;
  toolset: ToolsetId;
  needs: ToolNeeds;
  module: ToolModuleId;
  /** A write tool that enforces read-only mode itself (github_request): its entry there, re-annotated read-only. */
  readOnlyVariant?: Tool;
}

declare const __TOOL_CATALOG__: string | undefined;

let catalog: readonly CatalogEntry[] | undefined;

export function toolCatalog(): readonly CatalogEntry[] {
  return (catalog ??= typeof __TOOL_CATALOG__ === 'string' ? (JSON.parse(__TOOL_CATALOG__) as CatalogEntry[]) : buildCatalog());
}

export function buildCatalog(): CatalogEntry[] {
  return TOOL_MODULE_IDS.flatMap((module) =>
    TOOL_MODULES[module]().map((definition) => ({
      tool: describeTool(definition),
      toolset: definition.toolset,
      needs: definition.needs,
      module,
      ...(definition.enforcesReadOnly && !definition.annotations.readOnlyHint
        ? { readOnlyVariant: describeTool({ ...definition, annotations: { ...definition.annotations, readOnlyHint: true, destructiveHint: false } }) }
        : {}),
    })),
  );
}

const definitions = new Map<string, ToolDefinition>();

/** The definition behind a catalog entry, its file loaded at the first call; annotations as the entry says (read-only mode may change them). */
export function definitionOf(entry: CatalogEntry): ToolDefinition {
  const key = `${entry.tool.name}:${entry.tool.annotations?.readOnlyHint}`;
  let definition = definitions.get(key);
  if (!definition) {
    const loaded = TOOL_MODULES[entry.module]().find((tool) => tool.name === entry.tool.name);
    if (!loaded) throw new Error(`${entry.tool.name} is not defined in ${entry.module}: rebuild the server (the catalog is stale)`);
    const { title: _title, ...annotations } = entry.tool.annotations ?? {};
    definition = { ...loaded, annotations: { ...loaded.annotations, ...annotations } as ToolDefinition['annotations'] };
    definitions.set(key, definition);
  }
  return definition;
}

export function describeTool(tool: ToolDefinition): Tool {
  const output = outputSchemaOf(tool);
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(z.object(tool.input), 'input'),
    ...(output ? { outputSchema: jsonSchema(output, 'output') } : {}),
    annotations: { title: tool.title, ...tool.annotations },
  };
}

function jsonSchema(schema: z.ZodObject, io: 'input' | 'output'): Tool['inputSchema'] {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return strictTypes(json) as Tool['inputSchema'];
}

/**
 * zod writes a union of primitives as `type: ["string", "number"]`, which strict JSON Schema
 * validators (ajv's strictTypes) refuse; `anyOf` says the same in a form every client compiles.
 * A nullable `["string", "null"]` is left as it is: strict mode allows it.
 * Safe-integer bounds, and the pattern beside format: date-time, are dropped.
 */
function strictTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictTypes);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, strictTypes(value)])) as Record<string, unknown>;
  // zod bounds every .int() by the safe-integer range: noise every model would read, and nothing a client needs.
  if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
  if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
  // zod spells out ISO 8601 as a 480-character pattern beside format: date-time, which says the same; zod still checks it.
  if (out.format === 'date-time') delete out.pattern;
  const types = out.type;
  if (Array.isArray(types) && types.filter((t) => t !== 'null').length > 1) {
    delete out.type;
    out.anyOf = types.map((type) => ({ type }));
  }
  return out;
}
