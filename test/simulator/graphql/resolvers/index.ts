import type { ResolverMap } from './common';
import { discussionResolvers } from './discussions';
import { mutationResolvers } from './mutation';
import { pullRequestResolvers } from './pullRequest';
import { queryResolvers } from './query';
import { reviewThreadResolvers } from './reviewThread';

// Every resolver by type and field. A field GitHub's schema has but no resolver here is an
// error naming it, never a silent null. Files may share a type (Repository, Mutation): merged by field.
const parts: ResolverMap[] = [queryResolvers, pullRequestResolvers, reviewThreadResolvers, mutationResolvers, discussionResolvers];

export const resolvers: ResolverMap = {};
for (const part of parts) for (const [type, fields] of Object.entries(part)) resolvers[type] = { ...resolvers[type], ...fields };

export type { GqlContext, Source } from './common';
export { GitHubGraphqlError, contextOf } from './common';
