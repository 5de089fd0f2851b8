import { parentPort } from 'node:worker_threads';
import { checkHere, type Observed } from './check';

// The OpenAPI check's thread (see checkerThread in ./check.ts): each answer in, its report out.
parentPort?.on('message', (m: { id: number; o: Observed }) => {
  parentPort?.postMessage({ id: m.id, report: checkHere(m.o) });
});
