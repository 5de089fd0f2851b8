import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { FAILING_VERDICTS, readConformance, type ConformanceRecord, type Verdict } from '../support/conformance';

/*
 * Runs after the rest of the server suite (files run in sorted order): every tool result any test
 * saw through the harness was checked against the advertised outputSchema, as MCP clients check it.
 */
/** The reviewed tools/list surface (all toolsets, App auth), kept by toolSurface.test.ts. */
const SNAPSHOT = join(__dirname, '__snapshots__', 'tools.json');

describe('every tool result the suite saw conforms to its advertised output schema', () => {
  const records = readConformance();

  it('checked a meaningful number of results, across most tools', (t) => {
    const perTool = new Map<string, Partial<Record<Verdict, number>>>();
    for (const record of records) {
      const counts = perTool.get(record.tool) ?? {};
      counts[record.verdict] = (counts[record.verdict] ?? 0) + 1;
      perTool.set(record.tool, counts);
    }
    const rows = [...perTool].sort(([a], [b]) => a.localeCompare(b));
    t.diagnostic(`${records.length} tool results recorded; per tool (verdict: count):`);
    for (const [tool, counts] of rows) {
      t.diagnostic(`  ${tool.padEnd(32)} ${Object.entries(counts).map(([verdict, n]) => `${verdict}: ${n}`).join(', ')}`);
    }
    const validated = records.filter((r) => r.verdict === 'conforms' || r.verdict === 'violates');
    const validatedTools = new Set(validated.map((r) => r.tool));
    t.diagnostic(`${validated.length} structuredContent values validated, for ${validatedTools.size} tools`);
    assert.ok(validated.length >= 200, `only ${validated.length} structured results were validated; is PYGITHUB_LEAK_LOG shared, and did the suite run?`);
    assert.ok(validatedTools.size >= 25, `structured results were validated for only ${validatedTools.size} tools: ${[...validatedTools].sort().join(', ')}`);
  });

  it('validated at least one successful structured result for every tool of the reviewed surface that has an outputSchema', () => {
    const surface = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Tool[];
    const conformed = new Set(records.filter((r) => r.verdict === 'conforms' && !r.isError).map((r) => r.tool));
    const never = surface.filter((tool) => tool.outputSchema && !conformed.has(tool.name)).map((tool) => tool.name);
    assert.deepEqual(never, [], 'no test ever got a structured result from these tools, so their output schemas were never checked');
  });

  it('found no result that violates its schema, lacks structuredContent, or has an uncompilable schema', () => {
    const failures = records.filter((r) => FAILING_VERDICTS.has(r.verdict));
    const summary = failures.slice(0, 20).map((r: ConformanceRecord) => `${r.label} › ${r.tool}: ${r.verdict}: ${r.detail ?? ''}`.slice(0, 600));
    if (failures.length > 20) summary.push(`… and ${failures.length - 20} more`);
    assert.deepEqual(summary, []);
  });
});
