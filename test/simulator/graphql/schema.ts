import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';

// GitHub's public GraphQL schema (@octokit/graphql-schema), built once per process: parsing
// and building its 1.2 MB of SDL takes about 0.6 s, so the first GraphQL request pays and the
// rest reuse it. `buildCostMs` says what it cost here.
//
// assumeValid: GitHub's published schema breaks two rules graphql-js 17 enforces (two
// EnterpriseOwnerInfo fields are defined twice, identically; a dozen implementations deprecate
// fields their interfaces do not, e.g. PullRequestReviewComment.databaseId), so it is taken as
// valid rather than refused. Documents are still validated against it in full.

let cached: { schema: GraphQLSchema; buildCostMs: number } | undefined;

export function githubSchema(): { schema: GraphQLSchema; buildCostMs: number } {
  if (!cached) {
    const started = performance.now();
    // The package's exports map hides the .graphql file from require.resolve.
    const path = join(__dirname, '../../../node_modules/@octokit/graphql-schema/schema.graphql');
    const schema = buildSchema(readFileSync(path, 'utf8'), { assumeValid: true, assumeValidSDL: true });
    cached = { schema, buildCostMs: performance.now() - started };
  }
  return cached;
}
