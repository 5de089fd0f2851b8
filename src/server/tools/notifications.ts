import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import { defineTool, DESTRUCTIVE, pagination, READ, WRITE } from './defineTool';
import { about, listOutput, notificationSchema, objectAnswer, perPageOf, shapeEach, shapeNotification, shapeSubscription, subscriptionSchema, toPage } from './shape';

// Notifications belong to a user: GitHub refuses them to GitHub Apps (installation tokens:
// 403 "Resource not accessible by integration"), fine-grained tokens and App user tokens.
// A classic token needs the notifications or repo scope.

const notificationsNeeds = { scope: 'notifications', user: 'a classic personal access token (scope notifications or repo)' } as const;
const threadId = z.string().regex(/^\d{1,20}$/, 'must be a notification thread id (digits)').describe('Thread id from list_notifications');
const dateTime = z.iso.datetime({ offset: true });

function bothOrNeither(owner: string | undefined, repo: string | undefined): void {
  if ((owner === undefined) !== (repo === undefined)) throw new GitHubError('validation', 'Pass owner and repo together (one repository), or neither (all repositories).');
}

export const notificationsTools = [
  defineTool({
    name: 'list_notifications',
    toolset: 'notifications',
    title: 'List notifications',
    description: 'Your notification threads, newest first (unread only by default): thread id, repository, subject, reason. Needs a user token, not a GitHub App.',
    input: {
      filter: z.enum(['default', 'include_read_notifications', 'only_participating']).default('default').describe('default: unread only'),
      since: dateTime.optional().describe('Only threads updated at or after'),
      before: dateTime.optional().describe('Only threads updated before'),
      owner: z.string().optional().describe('With repo: one repository only'),
      repo: z.string().optional(),
      ...pagination,
    },
    output: listOutput(notificationSchema),
    annotations: READ,
    needs: notificationsNeeds,
    async handler(args, ctx) {
      const { owner, repo, page } = args;
      bothOrNeither(owner, repo);
      const client = await ctx.github.client();
      const perPage = perPageOf(args, ctx);
      const query = {
        all: args.filter === 'include_read_notifications',
        participating: args.filter === 'only_participating',
        since: args.since,
        before: args.before,
        page,
        per_page: perPage,
      };
      const response =
        owner && repo
          ? await about(`notifications of ${owner}/${repo}`, client.rest.activity.listRepoNotificationsForAuthenticatedUser({ owner, repo, ...query }))
          : await about('your notifications', client.rest.activity.listNotificationsForAuthenticatedUser(query));
      return { data: toPage(shapeEach(response.data, shapeNotification), response, page, perPage) };
    },
  }),

  defineTool({
    name: 'get_notification_details',
    toolset: 'notifications',
    title: 'Get notification',
    description: 'One notification thread by id. Needs a user token.',
    input: { notificationID: threadId },
    output: notificationSchema.shape,
    annotations: READ,
    needs: notificationsNeeds,
    async handler({ notificationID }, ctx) {
      const client = await ctx.github.client();
      const { data } = await about(`notification thread ${notificationID}`, client.rest.activity.getThread({ thread_id: Number(notificationID) }));
      return { data: shapeNotification(objectAnswer(data, `notification thread ${notificationID}`)) };
    },
  }),

  defineTool({
    name: 'dismiss_notification',
    toolset: 'notifications',
    title: 'Dismiss notification',
    description: 'Mark one thread read, or done (it leaves the list until something new happens). Needs a user token.',
    input: { threadID: threadId, state: z.enum(['read', 'done']) },
    output: { threadID: z.string(), state: z.enum(['read', 'done']) },
    annotations: { ...WRITE, idempotentHint: true },
    needs: notificationsNeeds,
    async handler({ threadID, state }, ctx) {
      const client = await ctx.github.client();
      const thread_id = Number(threadID);
      await about<unknown>(`notification thread ${threadID}`, state === 'done' ? client.rest.activity.markThreadAsDone({ thread_id }) : client.rest.activity.markThreadAsRead({ thread_id }));
      return { data: { threadID, state } };
    },
  }),

  defineTool({
    name: 'mark_all_notifications_read',
    toolset: 'notifications',
    title: 'Mark all notifications read',
    description: 'Mark every thread (or one repository\'s) updated up to lastReadAt (default: now) as read. Needs a user token.',
    input: {
      lastReadAt: dateTime.optional().describe('Threads updated after it stay unread'),
      owner: z.string().optional().describe('With repo: one repository only'),
      repo: z.string().optional(),
    },
    output: {
      repository: z.string().optional().describe('owner/name when one repository was marked'),
      lastReadAt: z.string().optional(),
      queued: z.boolean().describe('True when GitHub marks them in the background (202); they may stay unread for a moment'),
    },
    annotations: { ...WRITE, idempotentHint: true },
    needs: notificationsNeeds,
    async handler({ lastReadAt, owner, repo }, ctx) {
      bothOrNeither(owner, repo);
      const client = await ctx.github.client();
      const response =
        owner && repo
          ? await about(`notifications of ${owner}/${repo}`, client.rest.activity.markRepoNotificationsAsRead({ owner, repo, last_read_at: lastReadAt }))
          : await about('your notifications', client.rest.activity.markNotificationsAsRead({ last_read_at: lastReadAt }));
      return { data: { repository: owner && repo ? `${owner}/${repo}` : undefined, lastReadAt, queued: Number(response.status) === 202 } };
    },
  }),

  defineTool({
    name: 'manage_notification_subscription',
    toolset: 'notifications',
    title: 'Manage thread subscription',
    description: 'For one thread: ignore (mute), watch, or delete the subscription (notified again only when participating). Needs a user token.',
    input: { notificationID: threadId, action: z.enum(['ignore', 'watch', 'delete']) },
    output: { notificationID: z.string(), action: z.enum(['ignore', 'watch', 'delete']), ...subscriptionSchema.shape },
    annotations: { ...DESTRUCTIVE, idempotentHint: true },
    needs: notificationsNeeds,
    async handler({ notificationID, action }, ctx) {
      const client = await ctx.github.client();
      const thread_id = Number(notificationID);
      const resource = `the subscription to notification thread ${notificationID}`;
      if (action === 'delete') {
        await about(resource, client.rest.activity.deleteThreadSubscription({ thread_id }));
        return { data: { notificationID, action } };
      }
      const { data } = await about(resource, client.rest.activity.setThreadSubscription({ thread_id, ignored: action === 'ignore' }));
      return { data: { notificationID, action, ...shapeSubscription(objectAnswer(data, resource)) } };
    },
  }),

  defineTool({
    name: 'manage_repository_notification_subscription',
    toolset: 'notifications',
    title: 'Manage repository subscription',
    description: 'For a repository: ignore (mute all), watch (all activity), or delete (stop watching; participating still notifies). Needs a user token.',
    input: { owner: z.string(), repo: z.string(), action: z.enum(['ignore', 'watch', 'delete']) },
    output: { repository: z.string(), action: z.enum(['ignore', 'watch', 'delete']), ...subscriptionSchema.shape },
    annotations: { ...DESTRUCTIVE, idempotentHint: true },
    needs: notificationsNeeds,
    async handler({ owner, repo, action }, ctx) {
      const client = await ctx.github.client();
      const repository = `${owner}/${repo}`;
      const resource = `your subscription to ${repository}`;
      if (action === 'delete') {
        await about(resource, client.rest.activity.deleteRepoSubscription({ owner, repo }));
        return { data: { repository, action } };
      }
      const body = action === 'ignore' ? { subscribed: false, ignored: true } : { subscribed: true, ignored: false };
      const { data } = await about(resource, client.rest.activity.setRepoSubscription({ owner, repo, ...body }));
      return { data: { repository, action, ...shapeSubscription(objectAnswer(data, resource)) } };
    },
  }),
];
