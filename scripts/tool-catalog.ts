// Prints the tool catalog as JSON; esbuild.mjs embeds it in dist/server-main.js (see src/server/tools/catalog.ts).
import { buildCatalog } from '../src/server/tools/catalog';

process.stdout.write(JSON.stringify(buildCatalog()));
