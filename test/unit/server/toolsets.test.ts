import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_TOOLS } from '../../../src/server/tools/all';
import { DEFAULT_TOOLSETS, instructionsFor, TOOLSET_DECLARATIONS, TOOLSETS, toolsetSummary } from '../../../src/server/toolsets';
import pkg from '../../../package.json';
import { derivedManifest, derivedReadme } from '../../../scripts/derive-docs';
import { loadServerConfig } from '../../../src/server/config';
import { selectTools } from '../../../src/server/tools/registry';

type Property = { items: { enum: string[]; enumDescriptions?: string[] } };
const properties = (pkg as unknown as { contributes: { configuration: { properties: Record<string, Property> } } }).contributes.configuration.properties;

/** Everything that names toolsets is derived from TOOLSET_DECLARATIONS or checked against it here. */
describe('toolset declarations', () => {
  it('every tool belongs to a declared toolset, and every toolset has tools', () => {
    for (const tool of ALL_TOOLS) assert.ok(TOOLSETS.includes(tool.toolset), `${tool.name}: undeclared toolset ${tool.toolset}`);
    for (const id of TOOLSETS) assert.ok(ALL_TOOLS.some((tool) => tool.toolset === id), `${id} has no tools`);
    assert.deepEqual(DEFAULT_TOOLSETS, ['context', 'repos', 'git', 'issues', 'pull_requests', 'users']);
  });

  it('package.json and the README are derived from the declarations (npm run derive)', () => {
    const root = join(__dirname, '../../..');
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.equal(manifest, derivedManifest(manifest), 'package.json toolset enums are stale: run npm run derive');
    assert.equal(readme, derivedReadme(readme), "the README's tool table is stale: run npm run derive");
    const toolsets = properties['pygithubMcp.toolsets'].items;
    assert.deepEqual(toolsets.enum, ['all', 'default', ...TOOLSETS]);
    assert.deepEqual(properties['pygithubMcp.readOnlyToolsets'].items.enumDescriptions, TOOLSET_DECLARATIONS.map(toolsetSummary));
    const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
    for (const tool of ALL_TOOLS) assert.ok(rows.some((row) => row.startsWith(`| \`${tool.toolset}\` `) && row.includes(`\`${tool.name}\``)), `README row of ${tool.toolset} lists ${tool.name}`);
  });

  it('the default set (a PAT, no GITHUB_TOOLSETS) holds at most 60 tools, so two identities fit under VS Code\'s 128', () => {
    const defaults = selectTools(loadServerConfig({ GITHUB_TOKEN: 'ghp_x' }), false);
    assert.ok(defaults.length <= 60, `${defaults.length} tools by default`);
    assert.ok(defaults.length >= 50, `${defaults.length}: the daily tools are in the default set`);
    for (const daily of ['get_pull_request_status', 'create_pull_request_review', 'push_files', 'compare_commits', 'get_repository_tree', 'merge_pull_request', 'resolve_review_thread']) {
      assert.ok(defaults.some((entry) => entry.tool.name === daily), `${daily} is in the default set`);
    }
  });

  it('composes the server instructions from the enabled toolsets', () => {
    const text = instructionsFor(['context', 'repos']);
    assert.match(text, /auth_status/);
    assert.match(text, /get_file_contents/);
    assert.doesNotMatch(text, /github_request/);
    assert.match(instructionsFor(TOOLSETS), /github_request/);
  });
});
