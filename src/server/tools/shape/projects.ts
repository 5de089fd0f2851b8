import { z } from 'zod';
import { bodyFields, bodySchema, LIMITS, login, objectOr as objectOf, truncate, type Shaped } from './common';

/*
 * Projects v2 (REST). Sources (OpenAPI components): `projects-v2` (id, number, title,
 * description and short_description (nullable), public, closed_at (nullable), owner,
 * creator, created_at, updated_at required; state, is_template, latest_status_update
 * optional), `projects-v2-field` (id, name, data_type, created_at, updated_at required;
 * options and configuration optional), `projects-v2-item-with-content` and
 * `projects-v2-item-simple` (id, content_type, created_at, updated_at, archived_at
 * (nullable) required; content (nullable, free-form) and fields optional). An item's field
 * values are free-form objects per data type; each is cut to the one thing an agent reads
 * (an option's or iteration's name, logins, label names, a repository's full name).
 */

type Raw = Record<string, unknown>;
const objectOr = (v: unknown): Raw | undefined => objectOf(v) as Raw | undefined;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
/** `{ raw, html }` texts of single-select options and iterations: the raw text. */
const rawText = (v: unknown): string | undefined => (typeof v === 'string' ? v : str(objectOr(v)?.raw));

export const projectSchema = z.object({
  id: z.number(),
  number: z.number().int().describe('Pass as project_number'),
  title: z.string(),
  shortDescription: z.string().nullable(),
  public: z.boolean(),
  state: z.string().optional().describe('open or closed'),
  closedAt: z.string().nullable(),
  owner: z.string().nullable(),
  updatedAt: z.string(),
});

export const projectDetailSchema = projectSchema.extend({
  description: z.string().nullable(),
  descriptionTruncated: z.boolean().optional(),
  creator: z.string().nullable(),
  createdAt: z.string(),
  isTemplate: z.boolean().optional(),
  latestStatus: z
    .object({ status: z.string().nullable().optional(), body: z.string().nullable().optional(), startDate: z.string().optional(), targetDate: z.string().optional(), updatedAt: z.string() })
    .nullable()
    .optional()
    .describe('The latest status update; null when there is none'),
});

export function shapeProject(p: Raw): Shaped<z.output<typeof projectSchema>> {
  return {
    id: num(p.id),
    number: num(p.number),
    title: str(p.title),
    shortDescription: p.short_description === null ? null : str(p.short_description),
    public: typeof p.public === 'boolean' ? p.public : undefined,
    state: str(p.state),
    closedAt: p.closed_at === null ? null : str(p.closed_at),
    owner: p.owner === undefined ? undefined : login(p.owner as never),
    updatedAt: str(p.updated_at),
  };
}

export function shapeProjectDetail(p: Raw): Shaped<z.output<typeof projectDetailSchema>> {
  const description = p.description === null ? null : str(p.description);
  const cut = typeof description === 'string' ? truncate(description, LIMITS.comment) : undefined;
  const status = p.latest_status_update === null ? null : objectOr(p.latest_status_update);
  return {
    ...shapeProject(p),
    description: cut ? cut.text : description,
    ...(cut?.truncated ? { descriptionTruncated: true } : {}),
    creator: p.creator === undefined ? undefined : login(p.creator as never),
    createdAt: str(p.created_at),
    isTemplate: typeof p.is_template === 'boolean' ? p.is_template : undefined,
    latestStatus:
      status === null
        ? null
        : status
          ? {
              status: status.status === null ? null : str(status.status),
              body: status.body === null ? null : typeof status.body === 'string' ? truncate(status.body, LIMITS.description).text : undefined,
              startDate: str(status.start_date),
              targetDate: str(status.target_date),
              updatedAt: str(status.updated_at),
            }
          : undefined,
  };
}

export const projectFieldSchema = z.object({
  id: z.number().int().describe('Pass as field_id, or in fields of list_project_items'),
  name: z.string(),
  dataType: z.string().describe('text, number, date, single_select, iteration, title, assignees, labels, …'),
  options: z.record(z.string(), z.string()).optional().describe('Single-select options: id -> name; the id is the value update_project_item takes'),
  iterations: z
    .record(z.string(), z.object({ title: z.string().optional(), startDate: z.string(), duration: z.number(), completed: z.boolean().optional() }))
    .optional()
    .describe('Iterations: id -> iteration; the id is the value update_project_item takes'),
});

export function shapeProjectField(f: Raw): Shaped<z.output<typeof projectFieldSchema>> {
  const configuration = objectOr(f.configuration);
  return {
    id: num(f.id),
    name: str(f.name),
    dataType: str(f.data_type),
    options: Array.isArray(f.options)
      ? Object.fromEntries(f.options.flatMap((o) => {
          const option = objectOr(o);
          const id = str(option?.id);
          return id === undefined ? [] : [[id, rawText(option?.name)]];
        }))
      : undefined,
    iterations: Array.isArray(configuration?.iterations)
      ? Object.fromEntries(configuration.iterations.flatMap((i) => {
          const it = objectOr(i) ?? {};
          const id = str(it.id);
          return id === undefined ? [] : [[id, { title: rawText(it.title), startDate: str(it.start_date), duration: num(it.duration), completed: typeof it.completed === 'boolean' ? it.completed : undefined }]];
        }))
      : undefined,
  };
}

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const projectFieldValueSchema = z.union([scalar, z.array(scalar), z.record(z.string(), scalar)]);
type FieldValue = z.output<typeof projectFieldValueSchema>;

/** The one thing an agent reads of a value object: its name, title, login or full name. */
function valueName(v: Raw): string | number | undefined {
  return (
    str(v.full_name) ??
    str(v.login) ??
    str(objectOr(v.reviewer)?.login) ??
    rawText(v.name) ??
    rawText(v.title) ??
    str(v.raw) ??
    num(v.number) ??
    str(v.html_url) ??
    str(v.url)
  );
}

function scalarOf(v: unknown): string | number | boolean | null {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  const o = objectOr(v);
  const name = o ? valueName(o) : undefined;
  return name ?? null;
}

/** A field value as an agent reads it; an object with no name keeps its scalar entries (sub-issue progress counts). */
export function fieldValueOf(v: unknown): FieldValue {
  if (Array.isArray(v)) return v.map(scalarOf);
  const o = objectOr(v);
  if (!o) return scalarOf(v);
  const name = valueName(o);
  if (name !== undefined) return name;
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) as Record<string, string | number | boolean | null>;
}

export const projectItemSchema = z.object({
  id: z.number().describe('Pass as item_id'),
  contentType: z.string().describe('Issue, PullRequest or DraftIssue'),
  title: z.string().optional(),
  number: z.number().int().optional(),
  state: z.string().optional(),
  repository: z.string().optional().describe('owner/repo; none for a draft'),
  url: z.string().optional(),
  archivedAt: z.string().nullable(),
  updatedAt: z.string(),
  fields: z.record(z.string(), projectFieldValueSchema).optional().describe('Values by field name, of the fields asked for with `fields`'),
});

export const projectItemDetailSchema = projectItemSchema.extend({
  ...bodySchema,
  body: bodySchema.body.optional(),
  contentId: z.number().optional().describe('The issue or pull request id (not for a draft)'),
  createdAt: z.string(),
  creator: z.string().nullable().optional(),
});

function repositoryOf(content: Raw | undefined): string | undefined {
  if (!content) return undefined;
  const api = str(content.repository_url) ?? str(content.url);
  const fromApi = api ? /\/repos\/([^/]+\/[^/]+)/.exec(api)?.[1] : undefined;
  if (fromApi) return fromApi;
  const baseRepo = objectOr(objectOr(objectOr(content.base)?.repo));
  return str(baseRepo?.full_name);
}

export function shapeProjectItem(i: Raw): Shaped<z.output<typeof projectItemSchema>> {
  const content = objectOr(i.content);
  const draft = i.content_type === 'DraftIssue';
  // The Title field repeats the content's title (and number); it stands in where no content came.
  const rawFields = Array.isArray(i.fields) ? i.fields.map((f) => objectOr(f)).filter((f): f is Raw => !!f) : undefined;
  const titleValue = objectOr(rawFields?.find((f) => f.data_type === 'title')?.value);
  const fields = rawFields
    ? Object.fromEntries(rawFields.flatMap((f) => (f.data_type !== 'title' && typeof f.name === 'string' ? [[f.name, fieldValueOf(f.value)]] : [])))
    : undefined;
  return {
    id: num(i.id),
    contentType: str(i.content_type),
    title: str(content?.title) ?? rawText(titleValue),
    number: draft ? undefined : (num(content?.number) ?? num(titleValue?.number)),
    state: str(content?.state),
    repository: draft ? undefined : repositoryOf(content),
    url: draft ? undefined : str(content?.html_url),
    archivedAt: i.archived_at === null ? null : str(i.archived_at),
    updatedAt: str(i.updated_at),
    fields,
  };
}

export function shapeProjectItemDetail(i: Raw): Shaped<z.output<typeof projectItemDetailSchema>> {
  const content = objectOr(i.content);
  const body = content && 'body' in content ? bodyFields(content.body as string | null, LIMITS.comment) : {};
  return {
    ...shapeProjectItem(i),
    ...body,
    contentId: i.content_type === 'DraftIssue' ? undefined : num(content?.id),
    createdAt: str(i.created_at),
    creator: i.creator === undefined ? undefined : login(i.creator as never),
  };
}
