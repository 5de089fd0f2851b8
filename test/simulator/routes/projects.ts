import { canSee } from '../access';
import { iso } from '../clock';
import { bodyObject, json, type Ctx, type Reply } from '../http/context';
import { ghError, HttpError, notAccessibleByIntegration, notFound, requiresAuthentication, validationFailed } from '../http/errors';
import { cursorPaginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Account, Issue, Repo } from '../model';
import { nodeId } from '../random';
import { simpleUser } from '../render/accounts';
import { issueJson, pullJson } from '../render/issues';
import { SEED_EPOCH } from '../seed/accounts';
import type { World } from '../world';

// Projects v2 over REST (issue 8: projects toolset): /orgs/{org}/projectsV2... and
// /users/{username}/projectsV2...; projects, fields, items (issues, pull requests, drafts).
// - Who sees a project: an organization's members see all of its projects, anyone signed in sees a
//   public one; a user's projects are the user's (others see the public ones). Writes: org admins
//   and, where the project's member role is write, members; a user project's owner.
// - Classic tokens need read:project (reads) or project (reads and writes), else 403. Installation
//   tokens: only their own organization's projects, with organization_projects read/write, else 403;
//   user projects refuse installations (403 "Resource not accessible by integration").
// - Lists page by cursor (before/after, Link header); `page` is refused (400).
// - Items: `fields` (ids; "1,2" or fields[]=1&fields[]=2) picks the field values sent; without it
//   only the Title field. PATCH takes `fields: [{ id, value }]`: text a string, number a number, date
//   YYYY-MM-DD, single select an option id, iteration an iteration id, null clears; anything else 422.
// - Adding content already in the project answers the existing item (as GraphQL's addProjectV2ItemById).
// - `q` filters items (a subset of GitHub's filter syntax; see filterItems).

export type ProjectFieldType = 'title' | 'assignees' | 'labels' | 'repository' | 'milestone' | 'text' | 'number' | 'date' | 'single_select' | 'iteration';

export interface ProjectOption {
  id: string;
  name: string;
  description: string;
  color: string;
}

export interface ProjectIteration {
  id: string;
  title: string;
  startDate: string;
  duration: number;
  completed: boolean;
}

export interface ProjectField {
  id: number;
  name: string;
  dataType: ProjectFieldType;
  options?: ProjectOption[];
  iterations?: { startDay: number; duration: number; iterations: ProjectIteration[] };
  createdAt: string;
  updatedAt: string;
}

export interface DraftIssue {
  id: number;
  title: string;
  body: string | null;
  user: Account;
  createdAt: string;
  updatedAt: string;
}

export type ProjectContent = { type: 'Issue' | 'PullRequest'; repo: Repo; issue: Issue } | { type: 'DraftIssue'; draft: DraftIssue };

export interface ProjectItem {
  id: number;
  content: ProjectContent;
  creator: Account;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /** field id -> value (text/date/option id/iteration id as strings, numbers as numbers). */
  values: Map<number, string | number>;
}

export interface Project {
  id: number;
  number: number;
  owner: Account;
  creator: Account;
  title: string;
  description: string | null;
  shortDescription: string | null;
  public: boolean;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** What org members may do (org projects); admins always write. */
  memberRole: 'read' | 'write';
  fields: ProjectField[];
  items: ProjectItem[];
}

const store = new WeakMap<World, Project[]>();

export function projectsOf(world: World): Project[] {
  let all = store.get(world);
  if (!all) store.set(world, (all = []));
  return all;
}

// ---- access

type Kind = 'org' | 'user';

function ownerOf(ctx: Ctx, kind: Kind): Account {
  const login = kind === 'org' ? ctx.params.org : ctx.params.username;
  const account = ctx.services.world.account(login);
  if (!account || (kind === 'org' ? account.type !== 'Organization' : account.type === 'Organization')) throw notFound();
  return account;
}

function canRead(ctx: Ctx, project: Project): boolean {
  const p = ctx.principal;
  if (p.kind === 'installation') return p.installation.account.id === project.owner.id;
  if (p.kind !== 'user') return false;
  if (project.public) return true;
  if (project.owner.type === 'Organization') return project.owner.members?.has(p.user.login) ?? false;
  return project.owner.id === p.user.id;
}

function canWrite(ctx: Ctx, project: Project): boolean {
  const p = ctx.principal;
  if (p.kind === 'installation') return p.installation.account.id === project.owner.id;
  if (p.kind !== 'user') return false;
  if (project.owner.type === 'Organization') {
    const role = project.owner.members?.get(p.user.login);
    return role === 'admin' || (role === 'member' && project.memberRole === 'write');
  }
  return project.owner.id === p.user.id;
}

/** The principal may use this kind of project at all (token kind, scopes, installation permissions). */
function checkPrincipal(ctx: Ctx, kind: Kind, access: 'read' | 'write'): void {
  const p = ctx.principal;
  if (p.kind === 'none') throw requiresAuthentication();
  if (p.kind === 'jwt') throw notAccessibleByIntegration();
  if (p.kind === 'installation') {
    if (kind === 'user') throw notAccessibleByIntegration();
    const have = p.token.permissions?.organization_projects;
    if (!have || (access === 'write' && have === 'read')) throw notAccessibleByIntegration();
    return;
  }
  const token = p.token;
  if (token && (token.kind === 'pat' || token.kind === 'oauth')) {
    const scopes = token.scopes ?? [];
    const ok = scopes.includes('project') || (access === 'read' && scopes.includes('read:project'));
    if (!ok) throw ghError(403, `Your token has not been granted the required scopes to execute this request: ${access === 'read' ? "one of ['read:project', 'project']" : "'project'"}.`);
  }
}

function projectFor(ctx: Ctx, kind: Kind, access: 'read' | 'write'): Project {
  checkPrincipal(ctx, kind, access);
  const owner = ownerOf(ctx, kind);
  const number = Number(ctx.params.project_number);
  const project = projectsOf(ctx.services.world).find((pr) => pr.owner.id === owner.id && pr.number === number);
  if (!project || !canRead(ctx, project)) throw notFound();
  if (access === 'write' && !canWrite(ctx, project)) throw ghError(403, 'You do not have permission to change this project.');
  return project;
}

function itemOf(ctx: Ctx, project: Project): ProjectItem {
  const id = Number(ctx.params.item_id);
  const item = project.items.find((i) => i.id === id);
  if (!item) throw notFound();
  return item;
}

// ---- rendering (schemas projects-v2, projects-v2-field, projects-v2-item-with-content, projects-v2-item-simple)

function projectBase(ctx: Ctx, project: Project): string {
  return `${ctx.apiBase}/${project.owner.type === 'Organization' ? 'orgs' : 'users'}/${project.owner.login}/projectsV2/${project.number}`;
}

function projectJson(ctx: Ctx, project: Project): Record<string, unknown> {
  return {
    id: project.id,
    node_id: nodeId('ProjectV2', project.id),
    owner: simpleUser(ctx, project.owner),
    creator: simpleUser(ctx, project.creator),
    title: project.title,
    description: project.description,
    public: project.public,
    closed_at: project.closedAt,
    created_at: project.createdAt,
    updated_at: project.updatedAt,
    number: project.number,
    short_description: project.shortDescription,
    deleted_at: null,
    deleted_by: null,
    state: project.closedAt ? 'closed' : 'open',
    latest_status_update: null,
    is_template: false,
  };
}

const text = (raw: string) => ({ raw, html: raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') });

function optionJson(o: ProjectOption): Record<string, unknown> {
  return { id: o.id, name: text(o.name), description: text(o.description), color: o.color };
}

function iterationJson(it: ProjectIteration): Record<string, unknown> {
  return { id: it.id, start_date: it.startDate, duration: it.duration, title: text(it.title), completed: it.completed };
}

function fieldJson(ctx: Ctx, project: Project, f: ProjectField): Record<string, unknown> {
  const out: Record<string, unknown> = { id: f.id, node_id: nodeId('ProjectV2Field', f.id), project_url: projectBase(ctx, project), name: f.name, data_type: f.dataType };
  if (f.options) out.options = f.options.map(optionJson);
  if (f.iterations) out.configuration = { start_day: f.iterations.startDay, duration: f.iterations.duration, iterations: f.iterations.iterations.map(iterationJson) };
  out.created_at = f.createdAt;
  out.updated_at = f.updatedAt;
  return out;
}

function draftJson(ctx: Ctx, d: DraftIssue): Record<string, unknown> {
  return { id: d.id, node_id: nodeId('DraftIssue', d.id), title: d.title, body: d.body, user: simpleUser(ctx, d.user), created_at: d.createdAt, updated_at: d.updatedAt };
}

function contentJson(ctx: Ctx, content: ProjectContent): Record<string, unknown> {
  if (content.type === 'DraftIssue') return draftJson(ctx, content.draft);
  return content.type === 'PullRequest' ? pullJson(ctx, content.repo, content.issue) : issueJson(ctx, content.repo, content.issue);
}

function fieldValue(ctx: Ctx, item: ProjectItem, f: ProjectField): unknown {
  const c = item.content;
  switch (f.dataType) {
    case 'title': {
      if (c.type === 'DraftIssue') return { ...text(c.draft.title) };
      const url = `${ctx.webBase}/${c.repo.owner.login}/${c.repo.name}/${c.type === 'PullRequest' ? 'pull' : 'issues'}/${c.issue.number}`;
      return { ...text(c.issue.title), number: c.issue.number, url, issue_id: c.issue.id, state: c.issue.state, state_reason: c.issue.stateReason, ...(c.issue.pull ? { is_draft: c.issue.pull.draft } : {}) };
    }
    case 'assignees':
      return c.type === 'DraftIssue' ? [] : c.issue.assignees.map((a) => simpleUser(ctx, a));
    case 'labels':
      return c.type === 'DraftIssue' ? [] : c.issue.labels.map((name) => ({ name }));
    case 'repository':
      return c.type === 'DraftIssue' ? null : { id: c.repo.id, name: c.repo.name, full_name: `${c.repo.owner.login}/${c.repo.name}`, html_url: `${ctx.webBase}/${c.repo.owner.login}/${c.repo.name}` };
    case 'milestone':
      return null;
    default: {
      const v = item.values.get(f.id);
      if (v === undefined) return null;
      if (f.dataType === 'single_select') {
        const o = f.options?.find((opt) => opt.id === v);
        return o ? optionJson(o) : null;
      }
      if (f.dataType === 'iteration') {
        const it = f.iterations?.iterations.find((i) => i.id === v);
        return it ? iterationJson(it) : null;
      }
      return v;
    }
  }
}

/** The field ids asked for (?fields=1,2 or fields[]=1&fields[]=2); undefined when none. */
function requestedFields(ctx: Ctx, project: Project): ProjectField[] {
  const raw = [...ctx.query.getAll('fields'), ...ctx.query.getAll('fields[]')].flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (raw.length === 0) return project.fields.filter((f) => f.dataType === 'title');
  if (raw.length > 50) throw validationFailed([{ resource: 'ProjectV2Item', code: 'invalid', field: 'fields', message: 'At most 50 fields may be requested.' }]);
  return raw.map((id) => {
    const f = project.fields.find((field) => String(field.id) === id);
    if (!f) throw validationFailed([{ resource: 'ProjectV2Item', code: 'invalid', field: 'fields', message: `Field ${id} does not exist in this project.` }]);
    return f;
  });
}

// ---- the item filter (q): a subset of GitHub's project filter syntax
// is:issue|pr|draft|open|closed, assignee:, label:, repo:owner/name, has:<field>, no:<field>,
// <field name>:<value> (option or iteration name, text, number or date; case-insensitive),
// a leading "-" negates; other words match the title. Quotes group words ("In Progress").

function itemText(item: ProjectItem, f: ProjectField): string | undefined {
  const v = item.values.get(f.id);
  if (v === undefined) return undefined;
  if (f.dataType === 'single_select') return f.options?.find((o) => o.id === v)?.name;
  if (f.dataType === 'iteration') return f.iterations?.iterations.find((i) => i.id === v)?.title;
  return String(v);
}

function matches(project: Project, item: ProjectItem, term: string): boolean {
  const c = item.content;
  const colon = term.indexOf(':');
  const title = c.type === 'DraftIssue' ? c.draft.title : c.issue.title;
  if (colon <= 0) return title.toLowerCase().includes(term.toLowerCase());
  const key = term.slice(0, colon).toLowerCase();
  const value = term.slice(colon + 1).toLowerCase();
  const issue = c.type === 'DraftIssue' ? undefined : c.issue;
  const field = (name: string) => project.fields.find((f) => f.name.toLowerCase() === name);
  switch (key) {
    case 'is':
      if (value === 'issue') return c.type === 'Issue';
      if (value === 'pr') return c.type === 'PullRequest';
      if (value === 'draft') return c.type === 'DraftIssue';
      if (value === 'open' || value === 'closed') return issue?.state === value;
      return false;
    case 'assignee':
      return !!issue?.assignees.some((a) => a.login.toLowerCase() === value);
    case 'label':
      return !!issue?.labels.some((l) => l.toLowerCase() === value);
    case 'repo':
      return c.type !== 'DraftIssue' && `${c.repo.owner.login}/${c.repo.name}`.toLowerCase() === value;
    case 'has':
    case 'no': {
      const f = field(value);
      const has = !!f && itemText(item, f) !== undefined;
      return key === 'has' ? has : !!f && !has;
    }
    default: {
      const f = field(key);
      const text = f ? itemText(item, f) : undefined;
      return text !== undefined && text.toLowerCase() === value;
    }
  }
}

function filterItems(ctx: Ctx, project: Project): ProjectItem[] {
  const q = ctx.query.get('q')?.trim();
  if (!q) return project.items;
  const terms = [...q.matchAll(/(-?)((?:[^\s"]+:)?)(?:"([^"]*)"|(\S+))/g)].map((m) => ({ negate: m[1] === '-', term: `${m[2]}${m[3] ?? m[4]}` }));
  return project.items.filter((item) => terms.every(({ negate, term }) => matches(project, item, term) !== negate));
}

function itemJson(ctx: Ctx, project: Project, item: ProjectItem, fields: ProjectField[]): Record<string, unknown> {
  const base = projectBase(ctx, project);
  return {
    id: item.id,
    node_id: nodeId('ProjectV2Item', item.id),
    project_url: base,
    content_type: item.content.type,
    content: contentJson(ctx, item.content),
    creator: simpleUser(ctx, item.creator),
    created_at: item.createdAt,
    updated_at: item.updatedAt,
    archived_at: item.archivedAt,
    item_url: `${base}/items/${item.id}`,
    fields: fields.map((f) => ({ id: f.id, name: f.name, data_type: f.dataType, value: fieldValue(ctx, item, f) })),
  };
}

function itemSimpleJson(ctx: Ctx, project: Project, item: ProjectItem): Record<string, unknown> {
  const base = projectBase(ctx, project);
  return {
    id: item.id,
    node_id: nodeId('ProjectV2Item', item.id),
    content: contentJson(ctx, item.content),
    content_type: item.content.type,
    creator: simpleUser(ctx, item.creator),
    created_at: item.createdAt,
    updated_at: item.updatedAt,
    archived_at: item.archivedAt,
    project_url: base,
    item_url: `${base}/items/${item.id}`,
  };
}

// ---- writes

function actorOf(ctx: Ctx): Account {
  const p = ctx.principal;
  if (p.kind === 'user') return p.user;
  if (p.kind === 'installation') return ctx.services.world.apps.get(p.installation.appId)?.bot as Account;
  throw requiresAuthentication();
}

function findContent(ctx: Ctx, body: Record<string, unknown>): ProjectContent {
  const type = body.type;
  if (type !== 'Issue' && type !== 'PullRequest') throw validationFailed([{ resource: 'ProjectV2Item', code: 'invalid', field: 'type', message: 'type must be Issue or PullRequest.' }]);
  const allowed = new Set(['type', 'id', 'owner', 'repo', 'number']);
  const extra = Object.keys(body).find((k) => !allowed.has(k));
  if (extra) throw validationFailed([{ resource: 'ProjectV2Item', code: 'invalid', field: extra, message: `${extra} is not a permitted key.` }]);
  const byId = body.id !== undefined;
  const byNumber = body.owner !== undefined || body.repo !== undefined || body.number !== undefined;
  if (byId === byNumber) throw validationFailed([{ resource: 'ProjectV2Item', code: 'invalid', message: 'Provide either id, or owner, repo and number.' }]);
  const world = ctx.services.world;
  let found: { repo: Repo; issue: Issue } | undefined;
  if (byId) {
    if (!Number.isInteger(body.id)) throw validationFailed([{ resource: 'ProjectV2Item', code: 'invalid', field: 'id' }]);
    for (const repo of world.repos.values()) {
      const issue = repo.issues.find((i) => (type === 'PullRequest' ? i.pull?.id === body.id : !i.pull && i.id === body.id));
      if (issue) {
        found = { repo, issue };
        break;
      }
    }
  } else {
    if (typeof body.owner !== 'string' || typeof body.repo !== 'string' || !Number.isInteger(body.number)) {
      throw validationFailed([{ resource: 'ProjectV2Item', code: 'invalid', message: 'owner and repo must be strings and number an integer.' }]);
    }
    const repo = world.repo(body.owner, body.repo);
    const issue = repo?.issues.find((i) => i.number === body.number);
    if (repo && issue && (type === 'PullRequest') === !!issue.pull) found = { repo, issue };
  }
  if (!found || !canSee(ctx, found.repo)) throw notFound();
  return { type, ...found };
}

function addItem(ctx: Ctx, kind: Kind): Reply {
  const project = projectFor(ctx, kind, 'write');
  const content = findContent(ctx, bodyObject(ctx));
  const existing = project.items.find((i) => i.content.type !== 'DraftIssue' && content.type !== 'DraftIssue' && i.content.issue === content.issue);
  if (existing) return json(itemSimpleJson(ctx, project, existing), 201);
  const now = iso(ctx.services.clock.now());
  const item: ProjectItem = { id: ctx.services.world.id(), content, creator: actorOf(ctx), createdAt: now, updatedAt: now, archivedAt: null, values: new Map() };
  project.items.push(item);
  project.updatedAt = now;
  return json(itemSimpleJson(ctx, project, item), 201);
}

const invalidValue = (f: ProjectField, message: string): HttpError => validationFailed([{ resource: 'ProjectV2ItemFieldValue', code: 'invalid', field: 'value', message: `${f.name} (${f.dataType}): ${message}` }]);

function checkedValue(f: ProjectField, value: unknown): string | number | null {
  if (value === null) return null;
  switch (f.dataType) {
    case 'text':
      if (typeof value !== 'string') throw invalidValue(f, 'the value must be a string.');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidValue(f, 'the value must be a number.');
      return value;
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        throw invalidValue(f, 'the value must be a date (YYYY-MM-DD).');
      }
      return value;
    }
    case 'single_select':
      if (typeof value !== 'string' || !f.options?.some((o) => o.id === value)) throw invalidValue(f, `${JSON.stringify(value)} is not an option of this field.`);
      return value;
    case 'iteration':
      if (typeof value !== 'string' || !f.iterations?.iterations.some((i) => i.id === value)) throw invalidValue(f, `${JSON.stringify(value)} is not an iteration of this field.`);
      return value;
    default:
      throw invalidValue(f, 'this field cannot be set through the API.');
  }
}

function updateItem(ctx: Ctx, kind: Kind): Reply {
  const project = projectFor(ctx, kind, 'write');
  const item = itemOf(ctx, project);
  const body = bodyObject(ctx);
  const updates = body.fields;
  if (!Array.isArray(updates) || updates.length === 0) throw validationFailed([{ resource: 'ProjectV2Item', code: 'missing_field', field: 'fields' }]);
  const planned: Array<{ field: ProjectField; value: string | number | null }> = [];
  for (const u of updates) {
    if (!u || typeof u !== 'object' || Array.isArray(u) || !('id' in u) || !('value' in u)) throw validationFailed([{ resource: 'ProjectV2Item', code: 'missing_field', field: 'fields', message: 'Each field needs an id and a value.' }]);
    const { id, value } = u as { id: unknown; value: unknown };
    const field = project.fields.find((f) => f.id === id);
    if (!field) throw validationFailed([{ resource: 'ProjectV2Item', code: 'invalid', field: 'fields', message: `Field ${JSON.stringify(id)} does not exist in this project.` }]);
    planned.push({ field, value: checkedValue(field, value) });
  }
  for (const { field, value } of planned) {
    if (value === null) item.values.delete(field.id);
    else item.values.set(field.id, value);
  }
  const now = iso(ctx.services.clock.now());
  item.updatedAt = now;
  project.updatedAt = now;
  const shown = project.fields.filter((f) => f.dataType === 'title' || planned.some((p) => p.field === f));
  return json(itemJson(ctx, project, item, shown));
}

// ---- routes

export function projectRoutes(router: Router): void {
  const scopes = 'read:project, project';
  for (const kind of ['org', 'user'] as const) {
    const base = kind === 'org' ? '/orgs/:org/projectsV2' : '/users/:username/projectsV2';
    router
      .add(
        'GET',
        base,
        (ctx) => {
          checkPrincipal(ctx, kind, 'read');
          const owner = ownerOf(ctx, kind);
          const visible = projectsOf(ctx.services.world).filter((p) => p.owner.id === owner.id && canRead(ctx, p));
          return json(cursorPaginate(ctx, visible).map((p) => projectJson(ctx, p)));
        },
        { scopes },
      )
      .add('GET', `${base}/:project_number`, (ctx) => json(projectJson(ctx, projectFor(ctx, kind, 'read'))), { scopes })
      .add(
        'GET',
        `${base}/:project_number/fields`,
        (ctx) => {
          const project = projectFor(ctx, kind, 'read');
          return json(cursorPaginate(ctx, project.fields).map((f) => fieldJson(ctx, project, f)));
        },
        { scopes },
      )
      .add(
        'GET',
        `${base}/:project_number/items`,
        (ctx) => {
          const project = projectFor(ctx, kind, 'read');
          const fields = requestedFields(ctx, project);
          return json(cursorPaginate(ctx, filterItems(ctx, project)).map((i) => itemJson(ctx, project, i, fields)));
        },
        { scopes },
      )
      .add('POST', `${base}/:project_number/items`, (ctx) => addItem(ctx, kind), { scopes })
      .add(
        'GET',
        `${base}/:project_number/items/:item_id`,
        (ctx) => {
          const project = projectFor(ctx, kind, 'read');
          return json(itemJson(ctx, project, itemOf(ctx, project), requestedFields(ctx, project)));
        },
        { scopes },
      )
      .add('PATCH', `${base}/:project_number/items/:item_id`, (ctx) => updateItem(ctx, kind), { scopes })
      .add(
        'DELETE',
        `${base}/:project_number/items/:item_id`,
        (ctx) => {
          const project = projectFor(ctx, kind, 'write');
          const item = itemOf(ctx, project);
          project.items.splice(project.items.indexOf(item), 1);
          project.updatedAt = iso(ctx.services.clock.now());
          return { status: 204 };
        },
        { scopes },
      );
  }
}

// ---- seed

/** Field ids of the seeded projects, for tests. */
export const PROJECT_SEED = {
  org: { number: 1, title: 300001, status: 300002, priority: 300003, notes: 300004, estimate: 300005, due: 300006, sprint: 300007, assignees: 300008, labels: 300009, repository: 300010 },
  user: { number: 1, title: 300101, status: 300102, notes: 300103 },
} as const;

/**
 * sim-org project #1 "Roadmap" (private; members write) with a field of each settable type,
 * holding sim-org/api's issues #5 and #6, pull requests #1 and #3, and a draft; octocat's
 * project #1 "Personal" (public) with hello-world #1 and #3 and a draft. The sim-org
 * installation (App 1001) gets organization_projects: write.
 */
export function seedProjects(world: World): void {
  const at = (days: number) => iso(SEED_EPOCH + days * 86_400_000);
  const octocat = world.account('octocat') as Account;
  const monalisa = world.account('monalisa') as Account;
  const simOrg = world.account('sim-org') as Account;
  const field = (id: number, name: string, dataType: ProjectFieldType, extra: Partial<ProjectField> = {}): ProjectField => ({ id, name, dataType, createdAt: at(-60), updatedAt: at(-60), ...extra });
  const issueItem = (repo: Repo, number: number, creator: Account, day: number): ProjectItem => {
    const issue = repo.issues.find((i) => i.number === number) as Issue;
    return { id: world.id(), content: { type: issue.pull ? 'PullRequest' : 'Issue', repo, issue }, creator, createdAt: at(day), updatedAt: at(day), archivedAt: null, values: new Map() };
  };
  const draftItem = (title: string, body: string | null, user: Account, day: number): ProjectItem => ({
    id: world.id(),
    content: { type: 'DraftIssue', draft: { id: world.id(), title, body, user, createdAt: at(day), updatedAt: at(day) } },
    creator: user,
    createdAt: at(day),
    updatedAt: at(day),
    archivedAt: null,
    values: new Map(),
  });

  const o = PROJECT_SEED.org;
  const api = world.repo('sim-org', 'api') as Repo;
  const orgItems = [issueItem(api, 5, octocat, -20), issueItem(api, 1, monalisa, -19), issueItem(api, 6, octocat, -18), issueItem(api, 3, octocat, -17), draftItem('Plan the v2 API', 'Collect the breaking changes first.', octocat, -16)];
  orgItems[0].values.set(o.status, 'st-todo').set(o.priority, 'pr-high').set(o.estimate, 3).set(o.sprint, 'it-1');
  orgItems[1].values.set(o.status, 'st-doing').set(o.notes, 'Needs a second review').set(o.due, '2024-02-15');
  orgItems[2].values.set(o.status, 'st-done').set(o.estimate, 1.5);
  projectsOf(world).push({
    id: 4000001,
    number: o.number,
    owner: simOrg,
    creator: octocat,
    title: 'Roadmap',
    description: 'What sim-org builds next.',
    shortDescription: 'sim-org roadmap',
    public: false,
    closedAt: null,
    createdAt: at(-60),
    updatedAt: at(-16),
    memberRole: 'write',
    fields: [
      field(o.title, 'Title', 'title'),
      field(o.status, 'Status', 'single_select', {
        options: [
          { id: 'st-todo', name: 'Todo', description: 'Not started', color: 'GRAY' },
          { id: 'st-doing', name: 'In Progress', description: 'Being worked on', color: 'YELLOW' },
          { id: 'st-done', name: 'Done', description: 'Finished', color: 'GREEN' },
        ],
      }),
      field(o.priority, 'Priority', 'single_select', {
        options: [
          { id: 'pr-high', name: 'High', description: '', color: 'RED' },
          { id: 'pr-low', name: 'Low', description: '', color: 'BLUE' },
        ],
      }),
      field(o.notes, 'Notes', 'text'),
      field(o.estimate, 'Estimate', 'number'),
      field(o.due, 'Due', 'date'),
      field(o.sprint, 'Sprint', 'iteration', {
        iterations: {
          startDay: 1,
          duration: 14,
          iterations: [
            { id: 'it-1', title: 'Sprint 1', startDate: '2024-01-01', duration: 14, completed: true },
            { id: 'it-2', title: 'Sprint 2', startDate: '2024-01-15', duration: 14, completed: false },
          ],
        },
      }),
      field(o.assignees, 'Assignees', 'assignees'),
      field(o.labels, 'Labels', 'labels'),
      field(o.repository, 'Repository', 'repository'),
    ],
    items: orgItems,
  });

  const u = PROJECT_SEED.user;
  const hello = world.repo('octocat', 'hello-world') as Repo;
  const userItems = [issueItem(hello, 1, octocat, -10), issueItem(hello, 3, octocat, -9), draftItem('Read the docs', null, octocat, -8)];
  userItems[0].values.set(u.status, 'ust-next').set(u.notes, 'Start here');
  projectsOf(world).push({
    id: 4000101,
    number: u.number,
    owner: octocat,
    creator: octocat,
    title: 'Personal',
    description: null,
    shortDescription: null,
    public: true,
    closedAt: null,
    createdAt: at(-30),
    updatedAt: at(-8),
    memberRole: 'read',
    fields: [
      field(u.title, 'Title', 'title'),
      field(u.status, 'Status', 'single_select', {
        options: [
          { id: 'ust-next', name: 'Next', description: 'Up next', color: 'BLUE' },
          { id: 'ust-later', name: 'Later', description: 'Some day', color: 'GRAY' },
        ],
      }),
      field(u.notes, 'Notes', 'text'),
    ],
    items: userItems,
  });
}
