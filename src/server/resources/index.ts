import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CompleteRequestSchema, ListResourcesRequestSchema, ListResourceTemplatesRequestSchema, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { promptTakes } from '../prompts';
import type { ToolRuntime } from '../tools/run';
import { complete } from './complete';
import { readContent } from './read';
import { CONTENT_TEMPLATES } from './uri';

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

/** completion/complete for the templates' arguments and the prompts' (src/server/prompts/). */
export function registerCompletions(server: Server, runtime: ToolRuntime): void {
  const takes = (ref: { type: string; uri?: string; name?: string }, argument: string) =>
    ref.type === 'ref/resource' ? templateTakes(ref.uri ?? '', argument) : ref.type === 'ref/prompt' && promptTakes(ref.name ?? '', argument);
  server.setRequestHandler(CompleteRequestSchema, (request, extra) => complete(request.params, runtime, takes, extra.signal));
}
