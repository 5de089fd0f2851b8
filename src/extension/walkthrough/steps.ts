import { setContextKey } from '../ui/contextKeys';

/** package.json contributes.walkthroughs[0].id, as `workbench.action.openWalkthrough` names it. */
export const WALKTHROUGH_ID = 'gettingStarted';

/**
 * The context keys the walkthrough's steps complete on (`onContext:<key>` in package.json).
 * A step completes when one of its commands succeeds, not merely runs: a cancelled sign-in
 * or a check that failed must leave it open, which `onCommand:` alone cannot tell.
 */
export const STEP_DONE = {
  identity: 'pygithubMcp.walkthrough.identityAdded',
  tools: 'pygithubMcp.walkthrough.toolsChosen',
  agentMode: 'pygithubMcp.walkthrough.toolsListed',
  authentication: 'pygithubMcp.walkthrough.authChecked',
} as const;

/** Commands return undefined when cancelled or failed (commands/command.ts). */
const returned = (result: unknown) => result !== undefined;
/** Check Authentication answers one result per identity; it succeeds when there is one and all pass. */
const allPassed = (result: unknown) => Array.isArray(result) && result.length > 0 && result.every((check: { ok?: boolean }) => check?.ok === true);

const COMPLETES: Record<string, { key: string; succeeded: (result: unknown) => boolean }> = {
  'pygithubMcp.account.signIn': { key: STEP_DONE.identity, succeeded: returned },
  'pygithubMcp.apps.add': { key: STEP_DONE.identity, succeeded: returned },
  'pygithubMcp.pat.set': { key: STEP_DONE.identity, succeeded: returned },
  'pygithubMcp.login.set': { key: STEP_DONE.identity, succeeded: returned },
  'pygithubMcp.netrc.use': { key: STEP_DONE.identity, succeeded: returned },
  'pygithubMcp.appUser.signIn': { key: STEP_DONE.identity, succeeded: returned },
  'pygithubMcp.toolsets.configure': { key: STEP_DONE.tools, succeeded: returned },
  'pygithubMcp.readOnly.toggle': { key: STEP_DONE.tools, succeeded: returned },
  'pygithubMcp.tools.check': { key: STEP_DONE.agentMode, succeeded: returned },
  'pygithubMcp.auth.check': { key: STEP_DONE.authentication, succeeded: allPassed },
};

/** Called with every command's result; completes the walkthrough step that command belongs to. */
export function noteCommandResult(commandId: string, result: unknown): void {
  const step = COMPLETES[commandId];
  if (step?.succeeded(result)) void setContextKey(step.key, true);
}

/** The commands that complete a step, by context key: the manifest test checks the two agree. */
export function commandsCompleting(key: string): string[] {
  return Object.entries(COMPLETES)
    .filter(([, step]) => step.key === key)
    .map(([command]) => command);
}
