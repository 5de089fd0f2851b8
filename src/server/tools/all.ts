import type { ToolDefinition } from './defineTool';
import { TOOL_MODULE_IDS, TOOL_MODULES } from './modules';

/** Every tool definition, loaded at once: for tests, scripts and the catalog build, never the server's startup. */
export const ALL_TOOLS: readonly ToolDefinition[] = TOOL_MODULE_IDS.flatMap((id) => TOOL_MODULES[id]());
