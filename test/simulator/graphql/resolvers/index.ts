import type { ResolverMap } from './common';
import { mutationResolvers } from './mutation';
import { pullRequestResolvers } from './pullRequest';
import { queryResolvers } from './query';
import { reviewThreadResolvers } from './reviewThread';

// Every resolver by type and field. A field GitHub's schema has but no resolver here is an
// error naming it, never a silent null.
export const resolvers: ResolverMap = { ...queryResolvers, ...pullRequestResolvers, ...reviewThreadResolvers, ...mutationResolvers };

export type { GqlContext, Source } from './common';
export { GitHubGraphqlError, contextOf } from './common';
