import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, DESTRUCTIVE, pagination, READ, WRITE } from './defineTool';
import { argumentProblem } from './grammar';
import { about, gistListItemSchema, gistSchema, lineWindowInput, LIMITS, listOutput, objectAnswer, perPageOf, shapeEach, shapeGist, shapeGistListItem, toPage, type RawGist } from './shape';

// Gists belong to a user, not to a repository: GitHub enables none of the /gists endpoints for
// GitHub Apps, so an installation token (or the App's JWT) is refused. A personal access token
// or a GitHub App user token (GITHUB_AUTH=app_user) acts as its user. Writes need the classic
// scope gist, or the user permission "Gists" (gists: write) of a fine-grained token or the App.

// Lists and reads need no scope (public gists), only a user.
const readNeeds = { user: 'a personal access token, or a GitHub App user token (GITHUB_AUTH=app_user)' } as const;
const writeNeeds = { ...readNeeds, permissions: { gists: 'write' }, scope: 'gist' } as const;
const gistId = z.string().regex(/^[0-9a-fA-F]{1,64}$/, 'must be a gist id (hex digits)');

/** GitHub answers 404 to a write the token may not make; the message says what that can mean. */
async function gistWrite<T>(what: string, request: Promise<T>): Promise<T> {
  try {
    return await about(what, request);
  } catch (error) {
    if (error instanceof GitHubError && error.kind === 'not_found') {
      throw new GitHubError(
        'not_found',
        `GitHub answered 404 to ${what}: the gist does not exist or is not yours, or the token may not write gists (a classic token needs the gist scope; a fine-grained token or GitHub App, the Gists permission).`,
        error.details,
      );
    }
    throw error;
  }
}

function checkFiles(entries: Array<[string, string | undefined, string | undefined]>): void {
  for (const [name, content, rename] of entries) {
    const problem = argumentProblem('filename', name) ?? (content === undefined ? undefined : argumentProblem('content', content)) ?? (rename === undefined ? undefined : argumentProblem('filename', rename));
    if (problem) throw new GitHubError('validation', `files["${name}"]: ${problem}`);
  }
}

export const gistsTools = [
  defineTool({
    name: 'list_gists',
    toolset: 'gists',
    title: 'List gists',
    description: 'Gists, newest first: yours (secret ones too), or a user\'s public ones; files without content. User tokens only.',
    input: {
      username: z.string().optional().describe('Omit for your own gists'),
      since: z.iso.datetime({ offset: true }).optional().describe('Only gists updated at or after'),
      ...pagination,
    },
    output: listOutput(gistListItemSchema),
    annotations: READ,
    needs: readNeeds,
    async handler(args, ctx) {
      const { username, since, page } = args;
      const client = await ctx.github.client();
      const perPage = perPageOf(args, ctx);
      const response = username
        ? await about(`gists of ${username}`, client.rest.gists.listForUser({ username, since, page, per_page: perPage }))
        : await about('your gists', client.rest.gists.list({ since, page, per_page: perPage }));
      return { data: toPage(shapeEach(response.data as RawGist[], shapeGistListItem), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_gist',
    toolset: 'gists',
    title: 'Get gist',
    description:
      `One gist with its files' text, in line windows sharing ${LIMITS.fileContent} characters; window.nextOffset (with filename) reads on. Files over 1 MB come cut (truncated, rawUrl).`,
    input: {
      gist_id: gistId,
      filename: z.string().optional().describe('Only this file\'s content'),
      ...lineWindowInput,
    },
    output: gistSchema.shape,
    annotations: READ,
    needs: readNeeds,
    async handler({ gist_id, filename, offset, limit }, ctx) {
      const client = await ctx.github.client();
      const what = `gist ${gist_id}`;
      const { data } = await about(what, client.rest.gists.get({ gist_id }));
      const raw = objectAnswer(data as RawGist, what);
      if (filename !== undefined && !Object.prototype.hasOwnProperty.call(raw.files ?? {}, filename)) {
        throw new GitHubError('not_found', `Gist ${gist_id} has no file "${filename}"; it has: ${Object.keys(raw.files ?? {}).join(', ') || 'none'}.`, { status: 404 });
      }
      return { data: shapeGist(raw, { filename, offset, limit }) };
    },
  }),

  defineTool({
    name: 'create_gist',
    toolset: 'gists',
    title: 'Create gist',
    description: 'Create a gist from files (filename -> text; none blank), secret unless public is true. User tokens only (scope gist).',
    input: {
      files: z.record(z.string().min(1), z.string()).describe('Filename -> content'),
      description: z.string().optional(),
      public: z.boolean().default(false),
    },
    output: gistSchema.shape,
    annotations: WRITE,
    needs: writeNeeds,
    async handler({ files, description, public: isPublic }, ctx) {
      const entries = Object.entries(files);
      if (entries.length === 0) throw new GitHubError('validation', 'files: give at least one file (filename -> content).');
      checkFiles(entries.map(([name, content]) => [name, content, undefined]));
      const client = await ctx.github.client();
      const { data } = await gistWrite(
        'creating the gist',
        client.rest.gists.create({ description, public: isPublic, files: Object.fromEntries(entries.map(([name, content]) => [name, { content }])) }),
      );
      return { data: shapeGist(objectAnswer(data as RawGist, 'the new gist')) };
    },
  }),

  defineTool({
    name: 'update_gist',
    toolset: 'gists',
    title: 'Update gist',
    description:
      'Change your gist: description, and files mapping a filename to {content}, {filename} (rename), both, or null (delete); a new name with content adds a file.',
    input: {
      gist_id: gistId,
      description: z.string().optional(),
      files: z
        .record(z.string().min(1), z.object({ content: z.string().optional(), filename: z.string().min(1).optional().describe('New name') }).nullable())
        .optional(),
    },
    output: gistSchema.shape,
    annotations: DESTRUCTIVE,
    needs: writeNeeds,
    async handler({ gist_id, description, files }, ctx) {
      const entries = Object.entries(files ?? {});
      if (description === undefined && entries.length === 0) throw new GitHubError('validation', 'Give a description, files, or both.');
      for (const [name, change] of entries) {
        if (change && change.content === undefined && change.filename === undefined) throw new GitHubError('validation', `files["${name}"]: give content, filename, or null to delete the file.`);
      }
      checkFiles(entries.map(([name, change]) => [name, change?.content, change?.filename]));
      const client = await ctx.github.client();
      const { data } = await gistWrite(
        `updating gist ${gist_id}`,
        client.rest.gists.update({ gist_id, description, files: files === undefined ? undefined : (files as Record<string, { content?: string; filename?: string } | null>) } as never),
      );
      return { data: shapeGist(objectAnswer(data as RawGist, `gist ${gist_id}`)) };
    },
  }),
];
