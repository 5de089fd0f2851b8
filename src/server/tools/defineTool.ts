import { z } from 'zod';
import type { GitHub } from '../../core/github';
import type { Logger } from '../../core/logger';
import type { ServerConfig } from '../config';

import type { ToolsetId } from '../toolsets';

export type { ToolsetId };

export interface ToolContext {
  github: GitHub;
  config: ServerConfig;
  log: Logger;
  /**
   * Reports how far a long call is (notifications/progress); a no-op unless the client sent a
   * progress token. run.ts always sets it; optional so test fakes of the context need not.
   */
  progress?: Progress;
}

/** `done` of `total` steps (total when known); each report must go further than the last, or it is dropped. */
export type Progress = (done: number, total?: number, message?: string) => void;

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** The annotations most tools share: a read, a write that adds, a write that replaces or removes. */
export const READ = { readOnlyHint: true, openWorldHint: true } as const satisfies ToolAnnotations;
export const WRITE = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true } as const satisfies ToolAnnotations;
export const DESTRUCTIVE = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true } as const satisfies ToolAnnotations;

/**
 * What a handler returns: `data` becomes structuredContent and its JSON the text block;
 * `text` alone is for tools without an output schema (a diff). `exposedSecrets` lists
 * credential values the user opted in to see (GITHUB_EXPOSE_TOKENS); everything else is redacted.
 */
export interface ToolOutput {
  data?: Record<string, unknown>;
  text?: string;
  exposedSecrets?: string[];
}

export type PermissionLevel = 'read' | 'write' | 'admin';

/**
 * What a tool needs of the identity, as data: auth_status lists the tools an identity cannot
 * use, and filtering by it can come later. `permissions` are GitHub App permissions (a
 * fine-grained token's are the same); `scope` is the classic OAuth scope without which the
 * tool cannot work at all (public reads need none, so reads mostly leave it out).
 */
export interface ToolNeeds {
  permissions?: Readonly<Record<string, PermissionLevel>>;
  scope?: string;
  /**
   * The tool acts as a user (their notifications, gists, stars): GitHub refuses it to a GitHub App
   * acting as an installation or as itself. Says which tokens do work; run.ts refuses the call
   * under App auth before any request, and auth_status lists it.
   */
  user?: string;
}

export interface ToolDefinition<Input extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  toolset: ToolsetId;
  title: string;
  description: string;
  input: Input;
  output?: z.ZodRawShape;
  annotations: ToolAnnotations;
  needs: ToolNeeds;
  /** A write tool that enforces read-only mode itself (github_request allows GET and HEAD); it stays, marked read-only. */
  enforcesReadOnly?: boolean;
  handler(args: z.output<z.ZodObject<Input>>, ctx: ToolContext): Promise<ToolOutput>;
}

/** Declares a tool as data; the generic keeps the handler's arguments typed by its schema. */
export function defineTool<Input extends z.ZodRawShape>(tool: ToolDefinition<Input>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

/** Shared input fields, so every list tool paginates the same way. */
export const pagination = {
  page: z.number().int().min(1).default(1),
  perPage: z.number().int().min(1).max(100).optional(),
};

/** Cursor pages (Dependabot, advisories, projects): GitHub's Link header carries the next `after` cursor. */
export const cursorPagination = {
  after: z.string().min(1).max(512).optional().describe('nextCursor of the previous page'),
  perPage: pagination.perPage,
};

export const pageInfo = {
  page: z.number().int(),
  perPage: z.number().int(),
  hasNextPage: z.boolean().describe('Whether GitHub reports another page after this one'),
  totalCount: z.number().int().optional(),
};

export const ownerRepo = {
  owner: z.string(),
  repo: z.string(),
};

export const issueNumber = { issue_number: z.number().int().min(1).describe('Issue or pull request number') };
export const pullNumber = { pullNumber: z.number().int().min(1) };

/** Whether a tool runs read-only here: the whole server, or its toolset (GITHUB_READ_ONLY_TOOLSETS). */
export function isReadOnlyFor(tool: Pick<ToolDefinition, 'toolset'>, config: Pick<ServerConfig, 'readOnly' | 'readOnlyToolsets'>): boolean {
  return config.readOnly || config.readOnlyToolsets.includes(tool.toolset);
}
