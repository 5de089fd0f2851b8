// The server's entry point (dist/server.js). It turns on V8's compile cache before loading
// the bundle, which is most of a start: Node >= 22.1 has it, and so does the runtime VS Code
// starts the server with; older Nodes skip it. The cache is keyed by the file's contents.
import { join } from 'node:path';

const nodeModule = require('node:module') as { enableCompileCache?: () => unknown };
try {
  nodeModule.enableCompileCache?.();
} catch {
  // A read-only or missing cache directory only costs speed.
}
require(join(__dirname, 'server-main.js'));
