import { requireRepo } from '../access';
import { iso } from '../clock';
import { actor, bodyObject, json, type Ctx, type Reply } from '../http/context';
import { missingField, notFound, validationFailed } from '../http/errors';
import type { Router } from '../http/router';
import type { Label, Milestone, Repo } from '../model';
import { labelJson, milestoneJson } from '../render/issues';

// Label and milestone writes (issue 8: labels and milestones toolsets). Both need push access
// (an installation: issues: write). Label names are unique case-insensitively; milestone titles
// are unique per repository. Renaming a label renames it on every issue that carries it.

const issuesWrite = { category: 'issues' as const, access: 'write' as const };
const COLOR = /^[0-9a-fA-F]{6}$/;

function colorOf(value: unknown, resource: string): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value.replace(/^#/, '') : '';
  if (!COLOR.test(text)) throw validationFailed([{ resource, code: 'invalid', field: 'color' }]);
  return text.toLowerCase();
}

function descriptionOf(value: unknown, resource: string): string | null | undefined {
  if (value === undefined) return undefined;
  if (value !== null && typeof value !== 'string') throw validationFailed([{ resource, code: 'invalid', field: 'description' }]);
  if (typeof value === 'string' && value.length > 100) throw validationFailed([{ resource, code: 'invalid', field: 'description', message: 'description is too long (maximum is 100 characters)' }]);
  return value;
}

function createLabel(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesWrite);
  const body = bodyObject(ctx);
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) throw missingField('Label', 'name');
  if (repo.labels.has(name.toLowerCase())) throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
  const label: Label = {
    id: ctx.services.world.id(),
    name,
    color: colorOf(body.color, 'Label') ?? 'ededed',
    description: descriptionOf(body.description, 'Label') ?? null,
    isDefault: false,
  };
  repo.labels.set(name.toLowerCase(), label);
  return json(labelJson(ctx, repo, label), 201);
}

function findLabel(repo: Repo, name: string): Label {
  const label = repo.labels.get(name.toLowerCase());
  if (!label) throw notFound();
  return label;
}

function updateLabel(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesWrite);
  const label = findLabel(repo, ctx.params.name);
  const body = bodyObject(ctx);
  const color = colorOf(body.color, 'Label');
  const description = descriptionOf(body.description, 'Label');
  const newName = typeof body.new_name === 'string' ? body.new_name.trim() : undefined;
  if (body.new_name !== undefined && !newName) throw validationFailed([{ resource: 'Label', code: 'invalid', field: 'name' }]);
  if (newName && newName.toLowerCase() !== label.name.toLowerCase() && repo.labels.has(newName.toLowerCase())) {
    throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
  }
  if (newName && newName !== label.name) {
    const old = label.name;
    repo.labels.delete(old.toLowerCase());
    label.name = newName;
    repo.labels.set(newName.toLowerCase(), label);
    for (const issue of repo.issues) issue.labels = issue.labels.map((l) => (l.toLowerCase() === old.toLowerCase() ? newName : l));
  }
  if (color !== undefined) label.color = color;
  if (description !== undefined) label.description = description;
  return json(labelJson(ctx, repo, label));
}

function deleteLabel(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesWrite);
  const label = findLabel(repo, ctx.params.name);
  repo.labels.delete(label.name.toLowerCase());
  for (const issue of repo.issues) issue.labels = issue.labels.filter((l) => l.toLowerCase() !== label.name.toLowerCase());
  return { status: 204 };
}

function dueOnOf(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const when = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(when)) throw validationFailed([{ resource: 'Milestone', code: 'invalid', field: 'due_on' }]);
  // GitHub keeps the day and answers it at 07:00 UTC (Pacific midnight, roughly).
  return `${iso(when).slice(0, 10)}T07:00:00Z`;
}

function stateOf(value: unknown): 'open' | 'closed' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'open' && value !== 'closed') throw validationFailed([{ resource: 'Milestone', code: 'invalid', field: 'state' }]);
  return value;
}

function titleTaken(repo: Repo, title: string, except?: Milestone): boolean {
  return (repo.milestones ?? []).some((m) => m !== except && m.title === title);
}

function createMilestone(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesWrite);
  const body = bodyObject(ctx);
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  if (!title) throw missingField('Milestone', 'title');
  if (titleTaken(repo, title)) throw validationFailed([{ resource: 'Milestone', code: 'already_exists', field: 'title' }]);
  const state = stateOf(body.state) ?? 'open';
  const now = iso(ctx.services.clock.now());
  const milestones = (repo.milestones ??= []);
  const milestone: Milestone = {
    id: ctx.services.world.id(),
    number: milestones.reduce((n, m) => Math.max(n, m.number), 0) + 1,
    title,
    description: descriptionOf(body.description, 'Milestone') ?? null,
    state,
    creator: actor(ctx) ?? null,
    createdAt: now,
    updatedAt: now,
    closedAt: state === 'closed' ? now : null,
    dueOn: dueOnOf(body.due_on) ?? null,
  };
  milestones.push(milestone);
  return json(milestoneJson(ctx, repo, milestone), 201);
}

function updateMilestone(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, issuesWrite);
  const milestone = (repo.milestones ?? []).find((m) => String(m.number) === ctx.params.number);
  if (!milestone) throw notFound();
  const body = bodyObject(ctx);
  const title = body.title === undefined ? undefined : typeof body.title === 'string' ? body.title.trim() : '';
  if (title === '') throw validationFailed([{ resource: 'Milestone', code: 'invalid', field: 'title' }]);
  if (title && titleTaken(repo, title, milestone)) throw validationFailed([{ resource: 'Milestone', code: 'already_exists', field: 'title' }]);
  const state = stateOf(body.state);
  const description = descriptionOf(body.description, 'Milestone');
  const dueOn = dueOnOf(body.due_on);
  const now = iso(ctx.services.clock.now());
  if (title !== undefined) milestone.title = title;
  if (description !== undefined) milestone.description = description;
  if (dueOn !== undefined) milestone.dueOn = dueOn;
  if (state !== undefined && state !== milestone.state) {
    milestone.state = state;
    milestone.closedAt = state === 'closed' ? now : null;
  }
  milestone.updatedAt = now;
  return json(milestoneJson(ctx, repo, milestone));
}

export function labelWriteRoutes(router: Router): void {
  router
    .add('POST', '/repos/:owner/:repo/labels', createLabel)
    .add('PATCH', '/repos/:owner/:repo/labels/:name', updateLabel)
    .add('DELETE', '/repos/:owner/:repo/labels/:name', deleteLabel)
    .add('POST', '/repos/:owner/:repo/milestones', createMilestone)
    .add('PATCH', '/repos/:owner/:repo/milestones/:number', updateMilestone);
}
