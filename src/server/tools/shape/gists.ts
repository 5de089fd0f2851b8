import { z } from 'zod';
import { defined, LIMITS, login, objectOr, truncate, type Shaped } from './common';
import { decodeText } from './repos';
import { lineWindowSchema, windowLines } from './window';

/*
 * Gists. gists/list and gists/list-for-user answer base-gist items (id, public, description
 * (nullable), comments, files, created_at, updated_at, html_url required; owner optional; no file
 * content). gists/get, create and update answer gist-simple, where nothing is required and each
 * file may be null. A file's content above 1 MB comes cut by GitHub (truncated: true); raw_url has
 * all of it.
 */

const fileMetaSchema = z.object({
  filename: z.string().describe('The key GitHub filed it under'),
  language: z.string().nullable().optional(),
  size: z.number().int().optional().describe('Bytes'),
});

export const gistListItemSchema = z.object({
  id: z.string(),
  description: z.string().nullable(),
  descriptionTruncated: z.boolean().optional(),
  public: z.boolean().describe('False: a secret gist'),
  owner: z.string().nullable().optional(),
  files: z.array(fileMetaSchema),
  comments: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  htmlUrl: z.string(),
});

const gistFileSchema = fileMetaSchema.extend({
  encoding: z.enum(['utf-8', 'binary']).optional().describe('binary: content omitted'),
  content: z.string().optional().describe('The window of lines asked for; absent when not read (see note)'),
  window: lineWindowSchema.optional(),
  truncated: z.boolean().optional().describe('True: GitHub sent only the first 1 MB; window and totalLines cover that part; rawUrl has the whole file'),
  rawUrl: z.string().optional(),
  note: z.string().optional(),
});

export const gistSchema = z.object({
  id: z.string().optional(),
  description: z.string().nullable().optional(),
  public: z.boolean().optional(),
  owner: z.string().nullable().optional(),
  files: z.array(gistFileSchema).optional(),
  filesTruncated: z.boolean().optional().describe('True: GitHub listed only some of the files'),
  comments: z.number().int().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  htmlUrl: z.string().optional(),
});

interface RawGistFile {
  filename?: string;
  language?: string | null;
  size?: number;
  raw_url?: string;
  truncated?: boolean;
  content?: string;
  encoding?: string;
}

export interface RawGist {
  id?: string;
  description?: string | null;
  public?: boolean;
  owner?: { login: string } | null;
  files?: Record<string, RawGistFile | null>;
  truncated?: boolean;
  comments?: number;
  created_at?: string;
  updated_at?: string;
  html_url?: string;
}

function fileEntries(files: RawGist['files']): Array<[string, RawGistFile]> {
  const map = objectOr(files);
  if (!map) return [];
  return Object.entries(map).flatMap(([name, file]) => {
    const f = objectOr(file as RawGistFile | null);
    return f ? [[name, f] as [string, RawGistFile]] : [];
  });
}

function fileMeta(name: string, f: RawGistFile) {
  return defined({ filename: name, language: f.language, size: typeof f.size === 'number' ? f.size : undefined });
}

function filesOf(raw: RawGist) {
  return objectOr(raw.files) ? fileEntries(raw.files).map(([name, f]) => fileMeta(name, f)) : undefined;
}

function common(raw: RawGist) {
  return {
    id: raw.id,
    public: raw.public,
    owner: raw.owner === undefined ? undefined : login(raw.owner),
    comments: raw.comments,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    htmlUrl: raw.html_url,
  };
}

export function shapeGistListItem(raw: RawGist): Shaped<z.output<typeof gistListItemSchema>> {
  const description = typeof raw.description === 'string' ? truncate(raw.description, LIMITS.description) : undefined;
  return defined({
    ...common(raw),
    description: description ? description.text : raw.description,
    descriptionTruncated: description?.truncated || undefined,
    files: filesOf(raw),
  });
}

export interface GistRead {
  /** Only this file's content; the others are listed without it. */
  filename?: string;
  offset: number;
  limit?: number;
}

/**
 * One gist. With `read`, file contents in windows of lines sharing LIMITS.fileContent characters
 * (in GitHub's order); a file past the budget comes without content and says how to read it.
 * Without `read` (after a write), files without content.
 */
export function shapeGist(raw: RawGist, read?: GistRead): Shaped<z.output<typeof gistSchema>> {
  let budget: number = LIMITS.fileContent;
  const files = objectOr(raw.files)
    ? fileEntries(raw.files).map(([name, f]) => {
        const meta = fileMeta(name, f);
        if (!read || (read.filename !== undefined && read.filename !== name)) return meta;
        const cut = f.truncated === true ? { truncated: true, rawUrl: f.raw_url } : {};
        if (typeof f.content !== 'string') return { ...meta, ...cut, note: 'GitHub sent no content for this file.' };
        const text = f.encoding === 'base64' ? decodeText(Buffer.from(f.content, 'base64')) : f.content;
        if (text === undefined) return { ...meta, ...cut, encoding: 'binary' as const, note: 'Binary file; content not shown.' };
        if (budget <= 0) {
          return { ...meta, ...cut, note: `Not read: the ${LIMITS.fileContent}-character budget went to the files before it. Ask for this filename.` };
        }
        const { text: content, window } = windowLines(text, read.offset, read.limit, budget);
        budget -= content.length;
        return { ...meta, ...cut, encoding: 'utf-8' as const, content, window };
      })
    : undefined;
  return defined({
    ...common(raw),
    description: raw.description,
    files,
    filesTruncated: raw.truncated === true ? true : undefined,
  });
}
