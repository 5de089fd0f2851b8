import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ListToolsResultSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import * as esbuild from 'esbuild';
import { startSimulator } from '../test/simulator';
import { RecordingStdioTransport } from '../test/support/recordingStdio';
import { compareContext } from './context';

/*
 * npm run bench: our server against a bare one-tool SDK server, both bundled the same way and
 * both talking to the simulator, measured in the same run. Prints medians and ours/baseline.
 * Pacing (GITHUB_SECONDS_BETWEEN_REQUESTS, PyGithub's 0.25 s) is set to 0 so the ratio is overhead, not policy.
 */
const ROOT = join(__dirname, '..');
const STARTS = 15;
const LIST_CALLS = 100;
const TOOLS_LIST_CALLS = 300;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const baselineJs = join(ROOT, 'out', 'bench', 'baseline-server.js');
  await esbuild.build({ entryPoints: [join(__dirname, 'baselineServer.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, outfile: baselineJs, logLevel: 'warning' });
  const sim = await startSimulator();
  const token = sim.createPersonalToken('octocat', { scopes: ['repo'] });
  const env = { PATH: process.env.PATH ?? '', GITHUB_API_URL: sim.apiUrl, GITHUB_TOKEN: token, GITHUB_SECONDS_BETWEEN_REQUESTS: '0', GITHUB_SECONDS_BETWEEN_WRITES: '0', GITHUB_TOOLSETS: 'all', GITHUB_LOG_LEVEL: 'warn' };
  const servers = { ours: join(ROOT, 'dist', 'server.js'), baseline: baselineJs };
  type Name = keyof typeof servers;
  const connect = async (name: Name) => {
    const transport = new RecordingStdioTransport(process.execPath, [servers[name]], env);
    const client = new Client({ name: 'bench', version: '1' });
    const started = performance.now();
    await client.connect(transport);
    return { client, transport, startupMs: performance.now() - started };
  };
  const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

  const startup: Record<Name, number[]> = { ours: [], baseline: [] };
  for (let i = 0; i < STARTS; i++) {
    for (const name of (i % 2 ? ['ours', 'baseline'] : ['baseline', 'ours']) as Name[]) {
      const { client, startupMs } = await connect(name);
      startup[name].push(startupMs);
      await client.close();
    }
  }

  const rows: Array<[string, number, number, string]> = [];
  const results: Record<Name, { toolsList: number; call: number; rss: number; bytes: number; tools: number }> = {} as never;
  const args = { owner: 'octocat', repo: 'hello-world', perPage: 30 };
  const connected = {} as Record<Name, Awaited<ReturnType<typeof connect>>>;
  let ourTools: Tool[] = [];
  for (const name of ['baseline', 'ours'] as Name[]) {
    const { client, transport } = (connected[name] = await connect(name));
    // The SDK client validates every result and compiles an ajv validator per output schema;
    // timing the raw line round trip measures the server, not the client.
    const rawToolsList = (id: number) =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        transport.onRawLine = (line) => {
          if (line.includes(`"id":${id}`) && line.includes(`"result":`)) resolve(performance.now() - started);
        };
        transport.child!.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list' })}\n`);
      });
    for (let i = 0; i < 20; i++) await rawToolsList(1_000_000 + i);
    const listTimes: number[] = [];
    for (let i = 0; i < TOOLS_LIST_CALLS; i++) listTimes.push(await rawToolsList(2_000_000 + i));
    transport.onRawLine = undefined;
    for (let i = 0; i < 5; i++) await client.callTool({ name: 'list_issues', arguments: args });
    const listed = (await client.request({ method: 'tools/list' }, ListToolsResultSchema)).tools;
    if (name === 'ours') ourTools = listed;
    results[name] = { toolsList: median(listTimes), call: 0, rss: 0, bytes: 0, tools: listed.length };
  }
  // Calls alternate between the two servers, so a burst of load on this machine hits both alike.
  const callTimes: Record<Name, number[]> = { ours: [], baseline: [] };
  for (let i = 0; i < LIST_CALLS; i++) {
    for (const name of (i % 2 ? ['ours', 'baseline'] : ['baseline', 'ours']) as Name[]) {
      const t = performance.now();
      const result = await connected[name].client.callTool({ name: 'list_issues', arguments: args });
      callTimes[name].push(performance.now() - t);
      if (result.isError) throw new Error(`${name} list_issues failed: ${JSON.stringify(result.content)}`);
      results[name].bytes = Buffer.byteLength(JSON.stringify(result));
    }
  }
  for (const name of ['baseline', 'ours'] as Name[]) {
    results[name].call = median(callTimes[name]);
    results[name].rss = peakRss(connected[name].transport.child!.pid!);
    await connected[name].client.close();
  }
  const raw = await fetch(`${sim.apiUrl}/repos/octocat/hello-world/issues?per_page=30`, { headers: { authorization: `token ${token}` } });
  const rawBytes = Buffer.byteLength(await raw.text());
  await sim.close();

  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
  rows.push(['spawn → initialize (ms, median of ' + STARTS + ')', median(startup.ours), median(startup.baseline), 'ours ≤ baseline']);
  rows.push(['tools/list round trip (ms)', results.ours.toolsList, results.baseline.toolsList, 'ours < 1 ms']);
  rows.push([`list_issues call (ms, median of ${LIST_CALLS})`, results.ours.call, results.baseline.call, 'ratio ≤ 1.05']);
  rows.push(['peak RSS (MB)', results.ours.rss, results.baseline.rss, 'reported']);
  rows.push(['list_issues result, 30 issues (bytes)', results.ours.bytes, results.baseline.bytes, 'ours ≤ raw/4']);
  console.log(`\nPyGithub MCP Server benchmark (node ${process.version}, ${new Date().toISOString()})`);
  console.log(`tools registered: ours ${results.ours.tools} (GITHUB_TOOLSETS=all), baseline ${results.baseline.tools}; pacing off for both\n`);
  console.log(['metric'.padEnd(46), 'ours'.padStart(10), 'baseline'.padStart(10), 'ratio'.padStart(8), '  target'].join(''));
  for (const [metric, ours, baseline, target] of rows) {
    console.log([metric.padEnd(46), fmt(ours).padStart(10), fmt(baseline).padStart(10), (ours / baseline).toFixed(2).padStart(8), `  ${target}`].join(''));
  }
  const context = compareContext(ourTools);
  console.log(`\nWhat the model reads per tool (name, description, input schema): ours ${context.perToolMean.toFixed(0)} bytes on average over ${ourTools.length} tools.`);
  console.log(`Against github-mcp-server's same ${context.compared} tools: ours ${context.ours} bytes, theirs ${context.theirs}, ratio ${(context.ours / context.theirs).toFixed(2)} (target ≤ 0.80).`);
  console.log(`Highest ratios: ${context.worst.map((w) => `${w.tool} ${w.ratio.toFixed(2)}`).join(', ')}`);
  console.log(`${'raw GitHub JSON for the same 30 issues (bytes)'.padEnd(46)}${String(rawBytes).padStart(10)}${''.padStart(10)}${(results.ours.bytes / rawBytes).toFixed(2).padStart(8)}  ours/raw ≤ 0.25`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
