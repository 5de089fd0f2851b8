import { iso } from '../clock';
import type { Account, Discussion, DiscussionCategory, DiscussionComment, Repo } from '../model';
import type { World } from '../world';
import { SEED_EPOCH } from './accounts';

// Discussions of sim-org/api (GraphQL only): three categories, one of them Q&A, and five
// discussions numbered after the issues, one with a marked answer and a reply. Ids are fixed.

const DAY = 86_400_000;
const at = (day: number) => iso(SEED_EPOCH + day * DAY);

export const DISCUSSION_SEED = {
  /** Titles of the seeded discussions, in number order. */
  titles: ['Welcome to api', 'How do I authenticate?', 'Idea: a CLI', 'Release cadence', 'Is v1 still supported?'],
  categories: ['General', 'Q&A', 'Ideas'],
} as const;

export function seedDiscussions(world: World): void {
  const repo = world.repo('sim-org', 'api') as Repo;
  const [octocat, monalisa, hubot] = ['octocat', 'monalisa', 'hubot'].map((login) => world.account(login) as Account);
  const category = (n: number, name: string, slug: string, emoji: string, description: string, isAnswerable: boolean, day: number): DiscussionCategory =>
    ({ id: 7_300_000 + n, name, slug, emoji, description, isAnswerable, createdAt: at(day), updatedAt: at(day) });
  const categories = [
    category(1, 'General', 'general', ':speech_balloon:', 'Chat about anything and everything here', false, -60),
    category(2, 'Q&A', 'q-a', ':pray:', 'Ask the community for help', true, -60),
    category(3, 'Ideas', 'ideas', ':bulb:', 'Share ideas for new features', false, -60),
  ];
  repo.discussionCategories = categories;
  repo.discussions = [];
  let next = repo.issues.reduce((max, i) => Math.max(max, i.number), 0) + 1;
  let commentId = 7_310_000;
  const comment = (user: Account, body: string, day: number, replyToId: number | null = null): DiscussionComment => ({ id: ++commentId, user, body, createdAt: at(day), updatedAt: at(day), replyToId });
  const discussion = (title: string, body: string, user: Account, categoryIndex: number, day: number, comments: DiscussionComment[] = [], extra: Partial<Discussion> = {}): Discussion => {
    const d: Discussion = { id: 7_320_000 + next, number: next++, title, body, user, categoryId: categories[categoryIndex].id, createdAt: at(day), updatedAt: comments.at(-1)?.createdAt ?? at(day), closed: false, closedAt: null, locked: false, comments, answerId: null, upvoteCount: 0, ...extra };
    repo.discussions!.push(d);
    return d;
  };
  discussion(DISCUSSION_SEED.titles[0], 'Say hello and tell us what you build with api.', octocat, 0, -50, [comment(monalisa, 'Hello! Using it for the dashboard.', -49)], { upvoteCount: 3 });
  const question = comment(octocat, 'Pass a token to `authenticate()`; see src/auth.ts.', -20);
  discussion(DISCUSSION_SEED.titles[1], 'Which token does `authenticate()` expect?', hubot, 1, -21, [question, comment(hubot, 'That worked, thanks.', -19, question.id + 0), comment(monalisa, 'The README should say so.', -18)], { answerId: question.id });
  discussion(DISCUSSION_SEED.titles[2], 'A command-line client would help scripting.', monalisa, 2, -15, [], { upvoteCount: 5 });
  discussion(DISCUSSION_SEED.titles[3], 'Monthly releases?', octocat, 0, -10, [comment(hubot, 'Monthly sounds right.', -9)], { closed: true, closedAt: at(-8) });
  discussion(DISCUSSION_SEED.titles[4], 'We still run v1.0.0.', hubot, 1, -5);
}
