import type { Account, Issue, Label, Repo, TimelineEvent } from './model';
import type { World } from './world';

// The issue timeline as GitHub records it: every mutation the simulator performs on an issue
// (labels, assignees, state, title, milestone) appends an event here, and a body or comment that
// mentions #N or owner/repo#N adds a cross-referenced event to the issue it names. Comments and a
// pull request's commits are not stored twice: the timeline route adds them when it renders.

// Event ids only need to be unique; a counter of its own keeps the World's id sequence (and so
// every other fixture id) exactly as it was before timelines existed.
let nextEventId = 60_000_000;

export function recordEvent(issue: Issue, event: Omit<TimelineEvent, 'id'>): TimelineEvent {
  const recorded = { id: nextEventId++, ...event };
  (issue.timeline ??= []).push(recorded);
  return recorded;
}

export function recordLabels(issue: Issue, before: readonly string[], after: readonly string[], labels: (name: string) => Label | undefined, actor: Account, date: string): void {
  const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
  const had = lower(before);
  const has = lower(after);
  for (const name of after) {
    if (!had.has(name.toLowerCase())) recordEvent(issue, { event: 'labeled', actor, createdAt: date, label: labelOf(name, labels) });
  }
  for (const name of before) {
    if (!has.has(name.toLowerCase())) recordEvent(issue, { event: 'unlabeled', actor, createdAt: date, label: labelOf(name, labels) });
  }
}

function labelOf(name: string, labels: (name: string) => Label | undefined): { name: string; color: string } {
  const label = labels(name);
  return { name: label?.name ?? name, color: label?.color ?? 'ededed' };
}

export function recordAssignees(issue: Issue, before: readonly Account[], after: readonly Account[], actor: Account, date: string): void {
  const had = new Set(before.map((a) => a.id));
  const has = new Set(after.map((a) => a.id));
  for (const a of after) if (!had.has(a.id)) recordEvent(issue, { event: 'assigned', actor, createdAt: date, assignee: a });
  for (const a of before) if (!has.has(a.id)) recordEvent(issue, { event: 'unassigned', actor, createdAt: date, assignee: a });
}

// "#12", "owner/repo#12"; not "&#12;" (an entity), "abc#12" or a URL fragment "/#12".
const MENTION = /(?<![\w&/#])(?:([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+))?#(\d+)\b/g;

/**
 * Cross-references from `source` (an issue or pull request in `repo`) to every issue its `text`
 * mentions. GitHub records one cross-referenced event per mentioning issue, so a second mention
 * from the same source adds nothing; a mention of the issue itself or of nothing is ignored.
 */
export function recordMentions(world: World, repo: Repo, source: Issue, text: string | null | undefined, actor: Account, date: string): void {
  if (!text) return;
  for (const match of text.matchAll(MENTION)) {
    const target = match[1] ? world.repo(match[1], match[2]) : repo;
    const issue = target?.issues.find((i) => String(i.number) === match[3]);
    if (!target || !issue || issue === source) continue;
    if (issue.timeline?.some((e) => e.event === 'cross-referenced' && e.source?.issue === source)) continue;
    recordEvent(issue, { event: 'cross-referenced', actor, createdAt: date, source: { repo, issue: source } });
  }
}
