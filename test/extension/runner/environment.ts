// Starts what the in-VS-Code suite talks to (the GitHub simulator) and returns the env variables
// that carry it into the extension host. Used by run.ts and by .vscode-test.mjs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../simulator/index';
import { FIXTURES_ENV, SIM_API_URL_ENV, SIM_ORIGIN_ENV, prepareFixtures } from './fixtures';

export interface TestEnvironment {
  /** Variables to add to VS Code's environment; they reach the extension host's process.env. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** `dir` is a private temporary folder owned by the caller; the fixtures file is written there. */
export async function startTestEnvironment(dir: string): Promise<TestEnvironment> {
  const sim = await startSimulator();
  try {
    const fixtures = await prepareFixtures(sim);
    const fixturesPath = join(dir, 'fixtures.json');
    writeFileSync(fixturesPath, JSON.stringify(fixtures, null, 2), { mode: 0o600 });
    return {
      env: { [SIM_API_URL_ENV]: sim.apiUrl, [SIM_ORIGIN_ENV]: sim.origin, [FIXTURES_ENV]: fixturesPath },
      close: () => sim.close(),
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}
