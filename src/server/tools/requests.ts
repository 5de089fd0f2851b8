import type { ToolDefinition } from './defineTool';

export const requestsTools: ToolDefinition[] = [];
