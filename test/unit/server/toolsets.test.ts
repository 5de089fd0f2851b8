import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_TOOLS } from '../../../src/server/tools/all';
import { DEFAULT_TOOLSETS, instructionsFor, TOOLSET_DECLARATIONS, TOOLSETS, toolsetSummary } from '../../../src/server/toolsets';
import pkg from '../../../package.json';
import { derivedManifest, derivedReadme } from '../../../scripts/derive-docs';

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

  it('composes the server instructions from the enabled toolsets', () => {
    const text = instructionsFor(['context', 'repos']);
    assert.match(text, /auth_status/);
    assert.match(text, /get_file_contents/);
    assert.doesNotMatch(text, /github_request/);
    assert.match(instructionsFor(TOOLSETS), /github_request/);
  });
});
