import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ListResourcesRequestSchema, ListResourceTemplatesRequestSchema, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ToolRuntime } from '../tools/run';
import { readContent } from './read';
import { CONTENT_TEMPLATES } from './uri';

export { complete } from './complete';
export { CONTENT_TEMPLATES } from './uri';

/** Repository contents as resource templates (no fixed resources: a repository is named in the URI). */
export function registerResources(server: Server, runtime: ToolRuntime): void {
  const templates = {
    resourceTemplates: CONTENT_TEMPLATES.map(({ uriTemplate, name, title, description }) => ({ uriTemplate, name, title, description })),
  };
  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: [] }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => templates);
  server.setRequestHandler(ReadResourceRequestSchema, (request, extra) => readContent(request.params.uri, runtime, extra.signal));
}

/** Whether a template takes the argument (its variables, and the ones of the URI before it). */
export function templateTakes(uriTemplate: string, argument: string): boolean {
  const template = CONTENT_TEMPLATES.find((candidate) => candidate.uriTemplate === uriTemplate);
  return template !== undefined && new RegExp(`\\{/?${argument}\\*?\\}`).test(template.uriTemplate);
}
