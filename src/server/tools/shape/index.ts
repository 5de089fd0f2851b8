// Result shaping for the tools: one file per kind of GitHub object, shared helpers in common.ts.
export * from './apps';
export * from './common';
export * from './context';
export * from './issues';
export * from './pullRequests';
export * from './repos';
export * from './reviews';
