// Starts what the in-VS-Code suite talks to (the GitHub simulator) and returns the env variables
// that carry it into the extension host. Used by run.ts and by .vscode-test.mjs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../simulator/index';
import { FIXTURES_ENV, SIM_API_URL_ENV, SIM_ORIGIN_ENV, prepareFixtures } from './fixtures';

export interface TestEnvironment {
  /** Variables to add to VS Code's environment; they reach the extension host's process.env. */
  env: Record<string, string>;
  /** The simulator's OpenAPI check of every answer it sent (see test/simulator/README.md): a readable list of violations, or undefined. */
  openApiFailure(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** `dir` is a private temporary folder owned by the caller; the fixtures file is written there. */
export async function startTestEnvironment(dir: string): Promise<TestEnvironment> {
  // Held to GitHub's OpenAPI description like the Node suites (SIM_OPENAPI=0 turns it off).
  const sim = await startSimulator({ checkOpenApi: process.env.SIM_OPENAPI !== '0' });
  try {
    const fixtures = await prepareFixtures(sim);
    const fixturesPath = join(dir, 'fixtures.json');
    writeFileSync(fixturesPath, JSON.stringify(fixtures, null, 2), { mode: 0o600 });
    return {
      env: { [SIM_API_URL_ENV]: sim.apiUrl, [SIM_ORIGIN_ENV]: sim.origin, [FIXTURES_ENV]: fixturesPath },
      openApiFailure: () => sim.openApiFailure(),
      close: () => sim.close(),
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}
