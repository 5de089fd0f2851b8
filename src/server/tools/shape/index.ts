// Result shaping for the tools: one file per kind of GitHub object, shared helpers in common.ts.
export * from './apps';
export * from './common';
export * from './context';
export * from './git';
export * from './issues';
export * from './issueDetails';
export * from './pullRequests';
export * from './repos';
export * from './window';
export * from './pullUpdates';
export * from './releases';
export * from './repositories';
export * from './teams';
export * from './reviews';
export * from './notifications';
