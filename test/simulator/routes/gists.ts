import { createHash } from 'node:crypto';
import { iso } from '../clock';
import { bodyObject, json, type Ctx, type Reply } from '../http/context';
import { ghError, notAccessibleByIntegration, notFound, requiresAuthentication, validationFailed } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Account } from '../model';
import { nodeId } from '../random';
import { simpleUser } from '../render/accounts';
import { SEED_EPOCH } from '../seed/accounts';
import type { World } from '../world';

// Gists (issue 8: gists toolset). A gist belongs to a user, not to a repository, so:
// - installation tokens and the App JWT are refused on every /gists endpoint (403 "Resource not
//   accessible by integration"), as GitHub does (none is enabled for GitHub Apps);
// - a GitHub App user token reads as its user; it writes only if the App holds the user
//   permission gists: write (App 1001 does, from seedGists); a fine-grained token writes only
//   with gists: write, else 403 "Resource not accessible by personal access token";
// - a classic token writes only with the gist scope: without it POST and PATCH are 404.
// Secret gists are listed only to their owner, but anyone with the id reads one. Only the owner
// edits (others: 404). An App user token lists its user's gists (GET /gists) only when the App
// holds the Gists permission, else an empty list. Lists are newest first; list items carry no file content. A file's
// content above 1 MB is cut to its first 1 MB with `truncated: true` (its raw_url has the rest).

export interface GistFile {
  content: string;
}

export interface Gist {
  id: string;
  owner: Account;
  description: string | null;
  public: boolean;
  /** filename -> file, in the order GitHub shows them (by name). */
  files: Map<string, GistFile>;
  createdAt: string;
  updatedAt: string;
  comments: number;
  /** A fresh sha per revision, for raw URLs. */
  revision: string;
}

export const GIST_CONTENT_LIMIT = 1024 * 1024;

const states = new WeakMap<World, { gists: Gist[]; next: number }>();

export function gistState(world: World): { gists: Gist[]; next: number } {
  let state = states.get(world);
  if (!state) states.set(world, (state = { gists: [], next: 1 }));
  return state;
}

function sha(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function newId(world: World): string {
  const state = gistState(world);
  return sha(`gist:${state.next++}`).slice(0, 32);
}

function sortedFiles(files: Map<string, GistFile>): Map<string, GistFile> {
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Seeds: monalisa has a public gist (two files), a secret one, and a public one whose log is
 * 1.5 MB (so GitHub's 1 MB cut shows); octocat has one public gist. App 1001 may write gists.
 */
export function seedGists(world: World): void {
  const state = gistState(world);
  const at = (day: number) => iso(SEED_EPOCH + day * 86_400_000);
  const add = (login: string, description: string | null, isPublic: boolean, files: Record<string, string>, day: number) => {
    const owner = world.account(login);
    if (!owner) return;
    const id = newId(world);
    state.gists.push({ id, owner, description, public: isPublic, files: sortedFiles(new Map(Object.entries(files).map(([name, content]) => [name, { content }]))), createdAt: at(day), updatedAt: at(day + 1), comments: 0, revision: sha(`${id}:0`) });
  };
  add('monalisa', 'Hello in two languages', true, { 'hello.rb': 'puts "Hello, World!"\n', 'hello.py': 'print("Hello, World!")\n' }, -30);
  add('monalisa', 'Secret notes', false, { 'notes.md': '# Notes\n\nNot for everyone.\n' }, -20);
  const line = 'INFO 2024-01-01T00:00:00Z a line of a long build log\n';
  add('monalisa', 'A long log', true, { 'build.log': line.repeat(Math.ceil((1.5 * GIST_CONTENT_LIMIT) / line.length)) }, -10);
  add('octocat', null, true, { 'octocat.txt': 'Octocat was here.\n' }, -5);
}

function fileJson(ctx: Ctx, gist: Gist, name: string, file: GistFile, withContent: boolean): Record<string, unknown> {
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const [type, language] = KNOWN[ext] ?? ['text/plain', 'Text'];
  const size = Buffer.byteLength(file.content, 'utf8');
  const out: Record<string, unknown> = {
    filename: name,
    type,
    language,
    raw_url: `${ctx.webBase}/gist/${gist.owner.login}/${gist.id}/raw/${gist.revision}/${encodeURIComponent(name)}`,
    size,
  };
  if (withContent) {
    const bytes = Buffer.from(file.content, 'utf8');
    const cut = size > GIST_CONTENT_LIMIT;
    // Cut on a character boundary: the decoder drops a partial last character.
    out.truncated = cut;
    out.content = cut ? new TextDecoder('utf-8').decode(bytes.subarray(0, GIST_CONTENT_LIMIT)).replace(/\uFFFD$/, '') : file.content;
    out.encoding = 'utf-8';
  }
  return out;
}

const KNOWN: Record<string, [string, string]> = {
  rb: ['application/x-ruby', 'Ruby'],
  py: ['application/x-python', 'Python'],
  md: ['text/markdown', 'Markdown'],
  js: ['application/javascript', 'JavaScript'],
  ts: ['video/MP2T', 'TypeScript'],
  json: ['application/json', 'JSON'],
  txt: ['text/plain', 'Text'],
  log: ['text/plain', 'Text'],
};

function gistJson(ctx: Ctx, gist: Gist, full: boolean): Record<string, unknown> {
  const url = `${ctx.apiBase}/gists/${gist.id}`;
  const files = Object.fromEntries([...gist.files].map(([name, file]) => [name, fileJson(ctx, gist, name, file, full)]));
  const owner = simpleUser(ctx, gist.owner);
  return {
    url,
    forks_url: `${url}/forks`,
    commits_url: `${url}/commits`,
    id: gist.id,
    node_id: nodeId('Gist', Number.parseInt(gist.id.slice(0, 8), 16)),
    git_pull_url: `${ctx.webBase}/gist/${gist.id}.git`,
    git_push_url: `${ctx.webBase}/gist/${gist.id}.git`,
    html_url: `${ctx.webBase}/gist/${gist.id}`,
    files,
    public: gist.public,
    created_at: gist.createdAt,
    updated_at: gist.updatedAt,
    description: gist.description,
    comments: gist.comments,
    comments_enabled: true,
    user: null,
    comments_url: `${url}/comments`,
    owner,
    truncated: false,
    ...(full ? { forks: [], history: [] } : {}),
  };
}

/** Refuses what GitHub refuses on every gist endpoint: Apps acting as an installation or as themselves. */
function refuseIntegrations(ctx: Ctx): void {
  const p = ctx.principal;
  if (p.kind === 'installation' || p.kind === 'jwt') throw notAccessibleByIntegration();
}

/** The user a write acts as, or GitHub's refusal for this credential. */
function writer(ctx: Ctx): Account {
  refuseIntegrations(ctx);
  const p = ctx.principal;
  if (p.kind !== 'user') throw requiresAuthentication();
  const token = p.token;
  if (token?.kind === 'pat' || token?.kind === 'oauth') {
    if (!(token.scopes ?? []).includes('gist')) throw notFound();
  } else if (token?.kind === 'fine-grained') {
    if (token.permissions?.gists !== 'write') throw ghError(403, 'Resource not accessible by personal access token');
  } else if (token?.kind === 'user-to-server') {
    if (ctx.services.world.apps.get(token.appId ?? -1)?.permissions.gists !== 'write') throw notAccessibleByIntegration();
  }
  return p.user;
}

function sinceFilter(ctx: Ctx): (gist: Gist) => boolean {
  const since = ctx.query.get('since');
  if (since === null) return () => true;
  const at = Date.parse(since);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(since) || Number.isNaN(at)) throw validationFailed([{ resource: 'Gist', code: 'invalid', field: 'since' }]);
  return (gist) => Date.parse(gist.updatedAt) >= at;
}

function listReply(ctx: Ctx, gists: Gist[]): Reply {
  const keep = sinceFilter(ctx);
  // Newest first; of two made in the same millisecond, the later one first.
  const newest = gists.filter(keep).reverse().sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return json(paginate(ctx, newest).map((gist) => gistJson(ctx, gist, false)));
}

function findGist(ctx: Ctx): Gist {
  const gist = gistState(ctx.services.world).gists.find((g) => g.id === ctx.params.gist_id);
  if (!gist) throw notFound();
  return gist;
}

function filesOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const files = body.files;
  if (files === undefined || files === null) return undefined;
  if (typeof files !== 'object' || Array.isArray(files)) throw validationFailed([{ resource: 'Gist', code: 'invalid', field: 'files' }]);
  return files as Record<string, unknown>;
}

function createGist(ctx: Ctx): Reply {
  const user = writer(ctx);
  const body = bodyObject(ctx);
  const files = filesOf(body);
  if (!files || Object.keys(files).length === 0) throw validationFailed([{ resource: 'Gist', code: 'missing_field', field: 'files' }]);
  const made = new Map<string, GistFile>();
  let blank = 0;
  for (const [name, value] of Object.entries(files)) {
    const content = (value as { content?: unknown } | null)?.content;
    if (typeof content !== 'string') throw validationFailed([{ resource: 'Gist', code: 'missing_field', field: 'files' }]);
    if (content.trim() === '') throw validationFailed([{ resource: 'Gist', code: 'missing_field', field: 'files' }], 'Validation Failed: contents can\'t be blank');
    // GitHub names files without a name gistfile1.txt, gistfile2.txt, ...
    made.set(name.trim() === '' ? `gistfile${++blank}.txt` : name, { content });
  }
  const description = body.description;
  if (description !== undefined && description !== null && typeof description !== 'string') throw validationFailed([{ resource: 'Gist', code: 'invalid', field: 'description' }]);
  const isPublic = body.public === true || body.public === 'true';
  const now = iso(ctx.services.clock.now());
  const world = ctx.services.world;
  const id = newId(world);
  const gist: Gist = { id, owner: user, description: (description as string | undefined) ?? null, public: isPublic, files: sortedFiles(made), createdAt: now, updatedAt: now, comments: 0, revision: sha(`${id}:${now}`) };
  gistState(world).gists.push(gist);
  ctx.resHeaders.location = `${ctx.apiBase}/gists/${id}`;
  return json(gistJson(ctx, gist, true), 201);
}

function updateGist(ctx: Ctx): Reply {
  const user = writer(ctx);
  const gist = findGist(ctx);
  if (gist.owner.id !== user.id) throw notFound();
  const body = bodyObject(ctx);
  const files = filesOf(body);
  const description = body.description;
  if (description !== undefined && description !== null && typeof description !== 'string') throw validationFailed([{ resource: 'Gist', code: 'invalid', field: 'description' }]);
  if (files === undefined && typeof description !== 'string') throw validationFailed([{ resource: 'Gist', code: 'missing_field', field: 'files' }]);
  // Applied to a copy, so a refused change leaves the gist as it was.
  const next = new Map(gist.files);
  const invalid = () => validationFailed([{ resource: 'Gist', code: 'invalid', field: 'files' }]);
  for (const [name, value] of Object.entries(files ?? {})) {
    const current = gist.files.get(name);
    if (value === null) {
      if (!current) throw invalid();
      next.delete(name);
      continue;
    }
    if (typeof value !== 'object' || Array.isArray(value)) throw invalid();
    const change = value as { content?: unknown; filename?: unknown };
    if (change.content !== undefined && typeof change.content !== 'string') throw invalid();
    if (change.filename !== undefined && change.filename !== null && typeof change.filename !== 'string') throw invalid();
    const content = typeof change.content === 'string' ? change.content : current?.content;
    if (content === undefined) throw invalid(); // a new file needs content
    if (content.trim() === '') throw validationFailed([{ resource: 'Gist', code: 'missing_field', field: 'files' }], 'Validation Failed: contents can\'t be blank');
    const target = typeof change.filename === 'string' && change.filename !== '' ? change.filename : name;
    if (target !== name) {
      if (next.has(target) && !(files && target in files && files[target] === null)) throw validationFailed([{ resource: 'Gist', code: 'already_exists', field: 'files' }]);
      next.delete(name);
    }
    next.set(target, { content });
  }
  if (next.size === 0) throw validationFailed([{ resource: 'Gist', code: 'missing_field', field: 'files' }]);
  const now = iso(ctx.services.clock.now());
  gist.files = sortedFiles(next);
  if (typeof description === 'string') gist.description = description;
  gist.updatedAt = now;
  gist.revision = sha(`${gist.id}:${now}:${gist.revision}`);
  return json(gistJson(ctx, gist, true));
}

export function gistRoutes(router: Router): void {
  router
    .add('GET', '/gists', (ctx) => {
      refuseIntegrations(ctx);
      const p = ctx.principal;
      const all = gistState(ctx.services.world).gists;
      if (p.kind !== 'user') return listReply(ctx, all.filter((g) => g.public)); // anonymous: every public gist
      // An App user token whose App lacks the Gists permission gets an empty list (octokit/rest.js#325).
      const token = p.token;
      if (token?.kind === 'user-to-server' && !ctx.services.world.apps.get(token.appId ?? -1)?.permissions.gists) return listReply(ctx, []);
      // A user: their own, secret ones too.
      return listReply(ctx, all.filter((g) => g.owner.id === p.user.id));
    }, { scopes: '' })
    .add('GET', '/users/:username/gists', (ctx) => {
      refuseIntegrations(ctx);
      const user = ctx.services.world.account(ctx.params.username);
      if (!user) throw notFound();
      const p = ctx.principal;
      const self = p.kind === 'user' && p.user.id === user.id;
      return listReply(ctx, gistState(ctx.services.world).gists.filter((g) => g.owner.id === user.id && (g.public || self)));
    }, { scopes: '' })
    .add('GET', '/gists/:gist_id', (ctx) => {
      refuseIntegrations(ctx);
      // Secret gists too: whoever has the id reads it.
      return json(gistJson(ctx, findGist(ctx), true));
    }, { scopes: '' })
    .add('POST', '/gists', createGist, { scopes: 'gist' })
    .add('PATCH', '/gists/:gist_id', updateGist, { scopes: 'gist' });
}
