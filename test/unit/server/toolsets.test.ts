import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_TOOLS } from '../../../src/server/tools/registry';
import { DEFAULT_TOOLSETS, instructionsFor, TOOLSET_DECLARATIONS, TOOLSETS, toolsetSummary } from '../../../src/server/toolsets';
import pkg from '../../../package.json';

type Property = { items: { enum: string[]; enumDescriptions?: string[] } };
const properties = (pkg as unknown as { contributes: { configuration: { properties: Record<string, Property> } } }).contributes.configuration.properties;

/** Everything that names toolsets is derived from TOOLSET_DECLARATIONS or checked against it here. */
describe('toolset declarations', () => {
  it('every tool belongs to a declared toolset, and every toolset has tools', () => {
    for (const tool of ALL_TOOLS) assert.ok(TOOLSETS.includes(tool.toolset), `${tool.name}: undeclared toolset ${tool.toolset}`);
    for (const id of TOOLSETS) assert.ok(ALL_TOOLS.some((tool) => tool.toolset === id), `${id} has no tools`);
    assert.deepEqual(DEFAULT_TOOLSETS, ['context', 'repos', 'issues', 'pull_requests', 'users']);
  });

  it('package.json offers the declared toolsets, with their descriptions', () => {
    const toolsets = properties['pygithubMcp.toolsets'].items;
    assert.deepEqual(toolsets.enum, ['all', 'default', ...TOOLSETS]);
    assert.deepEqual(toolsets.enumDescriptions?.slice(2), TOOLSET_DECLARATIONS.map(toolsetSummary));
    assert.match(toolsets.enumDescriptions?.[1] ?? '', new RegExp(DEFAULT_TOOLSETS.join(', ')));
    const readOnly = properties['pygithubMcp.readOnlyToolsets'].items;
    assert.deepEqual(readOnly.enum, [...TOOLSETS]);
    assert.deepEqual(readOnly.enumDescriptions, TOOLSET_DECLARATIONS.map(toolsetSummary));
  });

  it("the README's tool table lists exactly each toolset's tools", () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const rows = new Map<string, string[]>();
    for (const match of readme.matchAll(/^\| `([a-z_]+)`[^|]*\| (.+) \|$/gm)) {
      if (!TOOLSETS.includes(match[1] as never)) continue;
      rows.set(match[1], [...match[2].matchAll(/`([a-z_]+)`/g)].map((name) => name[1]).filter((name) => ALL_TOOLS.some((tool) => tool.name === name)));
    }
    for (const id of TOOLSETS) {
      const expected = ALL_TOOLS.filter((tool) => tool.toolset === id).map((tool) => tool.name).sort();
      assert.deepEqual(rows.get(id)?.sort(), expected, `README row for ${id}`);
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
