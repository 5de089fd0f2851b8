import { startSimulator } from './index';

// Manual runs: `node --import tsx test/simulator/cli.ts` prints one JSON line
// with the URLs, app credentials and a PAT for octocat, then serves until
// SIGINT/SIGTERM. The output contains secrets on purpose: it is a dev tool.

async function main(): Promise<void> {
  const sim = await startSimulator();
  const app = sim.fixtures.apps[0];
  const line = {
    apiUrl: sim.apiUrl,
    origin: sim.origin,
    appId: app.id,
    clientId: app.clientId,
    installations: sim.fixtures.installations,
    octocatToken: sim.createPersonalToken('octocat'),
    users: sim.fixtures.users.map((u) => u.login),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
