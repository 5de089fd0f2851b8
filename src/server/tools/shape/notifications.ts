import { z } from 'zod';
import type { Shaped } from './common';

/*
 * Sources (OpenAPI components): `thread` (activity/list-notifications-for-authenticated-user,
 * list-repo-notifications-for-authenticated-user, get-thread): id (a string), repository
 * (minimal-repository: full_name required), subject (title, url, latest_comment_url, type all
 * required), reason, unread, updated_at, last_read_at (nullable) all required.
 * `thread-subscription` (activity/set-thread-subscription): subscribed and ignored are
 * optional; `repository-subscription` (activity/set-repo-subscription): both required.
 */

interface RawThread {
  id: string;
  repository: { full_name: string } | null;
  subject: { title: string; url: string | null; latest_comment_url: string | null; type: string } | null;
  reason: string;
  unread: boolean;
  updated_at: string;
  last_read_at: string | null;
}

export const notificationSchema = z.object({
  id: z.string().describe('The thread id the other notification tools take'),
  repository: z.string().describe('owner/name'),
  subjectType: z.string().describe('Issue, PullRequest, Release, Commit, Discussion, CheckSuite...'),
  subjectTitle: z.string(),
  number: z.number().optional().describe('Issue or pull request number, when the subject is one'),
  reason: z.string().describe('Why you got it: mention, author, comment, assign, review_requested, subscribed...'),
  unread: z.boolean(),
  updatedAt: z.string(),
  lastReadAt: z.string().nullable(),
});

/** The issue or pull request number at the end of a subject's API URL (…/issues/7, …/pulls/7). */
function subjectNumber(url: string | null | undefined): number | undefined {
  const match = typeof url === 'string' ? /\/(?:issues|pulls)\/(\d+)$/.exec(url) : null;
  return match ? Number(match[1]) : undefined;
}

export function shapeNotification(t: RawThread): Shaped<z.output<typeof notificationSchema>> {
  return {
    id: t.id,
    repository: t.repository?.full_name,
    subjectType: t.subject?.type,
    subjectTitle: t.subject?.title,
    number: subjectNumber(t.subject?.url),
    reason: t.reason,
    unread: t.unread,
    updatedAt: t.updated_at,
    lastReadAt: t.last_read_at,
  };
}

export const subscriptionSchema = z.object({
  subscribed: z.boolean().optional(),
  ignored: z.boolean().optional(),
});

export function shapeSubscription(s: { subscribed?: boolean; ignored?: boolean }): Shaped<z.output<typeof subscriptionSchema>> {
  return { subscribed: s.subscribed, ignored: s.ignored };
}
