import type { KeyObject } from 'node:crypto';

// In-memory shapes of the simulated GitHub world. Rendering to GitHub's JSON
// happens in render/*, so these stay close to what the logic needs.

export type Level = 'read' | 'write' | 'admin';
export type Permissions = Record<string, Level>;

export interface Account {
  id: number;
  login: string;
  type: 'User' | 'Organization' | 'Bot';
  name: string | null;
  email: string | null;
  company: string | null;
  location: string | null;
  bio: string | null;
  /** The profile's website; GitHub answers "" when there is none. */
  blog?: string;
  createdAt: string;
  /** Users only: the password accepted by Basic auth. */
  password?: string;
  /** Organizations only: login -> role. */
  members?: Map<string, 'admin' | 'member'>;
  /** Organizations only: the issue types its repositories' issues may have. */
  issueTypes?: IssueType[];
}

export interface App {
  id: number;
  slug: string;
  name: string;
  description: string;
  clientId: string;
  clientSecret: string;
  privateKeyPkcs1Pem: string;
  privateKeyPkcs8Pem: string;
  publicKey: KeyObject;
  permissions: Permissions;
  events: string[];
  owner: Account;
  bot: Account;
  createdAt: string;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  name: string;
}

export interface Installation {
  id: number;
  appId: number;
  account: Account;
  repositorySelection: 'all' | 'selected';
  /** Only meaningful when repositorySelection is 'selected'. */
  repositoryIds: Set<number>;
  permissions: Permissions;
  events: string[];
  suspendedAt: string | null;
  createdAt: string;
}

export interface FileBlob {
  sha: string;
  content: Buffer;
}

/** A full snapshot: path -> blob. Commits share blobs, never mutate them. */
export type Tree = Map<string, FileBlob>;

export interface Commit {
  sha: string;
  message: string;
  author: Account | null;
  authorName: string;
  authorEmail: string;
  date: string;
  parents: string[];
  tree: Tree;
  treeSha: string;
}

export interface Comment {
  id: number;
  user: Account;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface PullInfo {
  id: number;
  headRef: string;
  /** Frozen head sha; while open the live branch tip wins (see git.pullHeadSha). */
  headSha: string;
  baseRef: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: Account | null;
  mergeCommitSha: string | null;
  /** Users asked to review (POST/DELETE requested_reviewers); absent until someone is asked. */
  requestedReviewers?: Account[];
  /** As set through PATCH (GitHub keeps it for fork pull requests); absent means false. */
  maintainerCanModify?: boolean;
  /** Reviews, review comments and their threads (routes/reviews.ts); created on first use. */
  reviews?: PullReviews;
}

export interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  user: Account;
  labels: string[];
  assignees: Account[];
  comments: Comment[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: Account | null;
  locked: boolean;
  pull?: PullInfo;
  /** The milestone's number in the same repository, if any. */
  milestoneNumber?: number | null;
  /** The issue this one is a sub-issue of (at most one, same owner). */
  parent?: IssueLink;
  /** Sub-issues in priority order. */
  subIssues?: IssueLink[];
  /** Recorded events (labeled, assigned, closed, cross-referenced...); comments and commits are added when rendered. */
  timeline?: TimelineEvent[];
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
  isDefault: boolean;
}

export interface Repo {
  id: number;
  owner: Account;
  name: string;
  description: string | null;
  private: boolean;
  defaultBranch: string;
  language: string | null;
  topics: string[];
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  stars: number;
  forks: number;
  /** login -> level for direct collaborators (owners and org admins are implicit). */
  collaborators: Map<string, Level>;
  branches: Map<string, string>;
  commits: Map<string, Commit>;
  /** Issues and pull requests share one numbering, like on GitHub. */
  issues: Issue[];
  labels: Map<string, Label>;
  /** Commit statuses (POST /statuses/{sha}), oldest first; absent until the first one. */
  statuses?: CommitStatus[];
  /** Check runs (POST /check-runs, Apps only), oldest first; absent until the first one. */
  checkRuns?: CheckRun[];
  /** Numbered like issues, from 1. */
  milestones?: Milestone[];
  /** Tag name -> sha: a commit for a lightweight tag, a tag object for an annotated one. */
  tags?: Map<string, string>;
  /** Annotated tag objects by sha (POST git/tags makes one; a ref makes it reachable). */
  tagObjects?: Map<string, TagObject>;
  /** Blobs and trees by sha that the Git data API created (committed trees are indexed lazily, see gitStore.ts). */
  blobs?: Map<string, FileBlob>;
  trees?: Map<string, Tree>;
  /** Branches with branch protection: they cannot be deleted or force-pushed. */
  protectedBranches?: Set<string>;
  /** Discussions (GraphQL only), numbered with the issues; absent when the repository has none. */
  discussions?: Discussion[];
  discussionCategories?: DiscussionCategory[];
}

export interface CommitStatus {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: Account | null;
  createdAt: string;
  updatedAt: string;
}

export interface CheckRun {
  id: number;
  headSha: string;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  appId: number;
  checkSuiteId: number;
}

export interface TagObject {
  sha: string;
  tag: string;
  message: string;
  tagger: { name: string; email: string; date: string };
  objectSha: string;
  objectType: 'commit' | 'tree' | 'blob' | 'tag';
}

export const LEVELS: Record<Level, number> = { read: 1, write: 2, admin: 3 };

// ---- repositories, releases and teams (issue 7: repos/releases/teams area)

export interface ReleaseAsset {
  id: number;
  name: string;
  label: string | null;
  contentType: string;
  size: number;
  downloadCount: number;
  createdAt: string;
  updatedAt: string;
  uploader: Account;
}

export interface Release {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: Account;
  createdAt: string;
  /** null while a draft. */
  publishedAt: string | null;
  assets: ReleaseAsset[];
}

export interface Team {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  /** closed: visible to every org member; secret: only to its members and org owners. */
  privacy: 'closed' | 'secret';
  /** The team's default permission on new repositories. */
  permission: 'pull' | 'push' | 'admin';
  /** login -> role. */
  members: Map<string, 'member' | 'maintainer'>;
  /** repo id -> level the team grants. */
  repos: Map<number, Level>;
  parent: Team | null;
  createdAt: string;
  updatedAt: string;
}

export type ReviewState = 'PENDING' | 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
export type DiffSide = 'LEFT' | 'RIGHT';

export interface Review {
  id: number;
  user: Account;
  body: string;
  state: ReviewState;
  commitId: string;
  /** null while pending. */
  submittedAt: string | null;
}

export interface ReviewComment {
  id: number;
  reviewId: number;
  threadId: number;
  /** The first comment of the thread this one answers; null for a thread's first comment. */
  inReplyTo: number | null;
  user: Account;
  body: string;
  path: string;
  line: number;
  side: DiffSide;
  startLine: number | null;
  startSide: DiffSide | null;
  commitId: string;
  /** The file's diff up to the commented line. */
  diffHunk: string;
  /** The line's index in the file's diff (the closing-down `position`). */
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface Milestone {
  id: number;
  number: number;
  title: string;
  description: string | null;
  state: 'open' | 'closed';
  creator: Account | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  dueOn: string | null;
}

export type IssueTypeColor = 'gray' | 'blue' | 'green' | 'yellow' | 'orange' | 'red' | 'pink' | 'purple';

export interface IssueType {
  id: number;
  name: string;
  description: string | null;
  color: IssueTypeColor | null;
  createdAt: string;
  updatedAt: string;
}

// Additions to Repo and Account by declaration merging, so existing literals stay valid.
export interface Repo {
  releases?: Release[];
  /** A fork: the repository it was forked from (fork: true in GitHub's JSON). */
  parent?: Repo;
}

export interface Account {
  /** Organizations only: their teams. */
  teams?: Team[];
}

/** An issue together with its repository (sub-issues may live in another repository of the same owner). */
export interface IssueLink {
  repo: Repo;
  issue: Issue;
}

export interface TimelineEvent {
  id: number;
  event: 'labeled' | 'unlabeled' | 'assigned' | 'unassigned' | 'closed' | 'reopened' | 'renamed' | 'milestoned' | 'demilestoned' | 'cross-referenced' | 'referenced' | 'merged' | 'sub_issue_added' | 'sub_issue_removed' | 'parent_issue_added' | 'parent_issue_removed';
  actor: Account | null;
  createdAt: string;
  label?: { name: string; color: string };
  assignee?: Account;
  stateReason?: string | null;
  rename?: { from: string; to: string };
  milestone?: { title: string };
  /** cross-referenced: the issue or pull request that mentioned this one. */
  source?: IssueLink;
  /** referenced, merged: the commit. */
  commitId?: string | null;
  /** sub_issue_*: the sub-issue; parent_issue_*: the parent. */
  related?: IssueLink;
}

export interface ReviewThread {
  id: number;
  path: string;
  line: number;
  side: DiffSide;
  startLine: number | null;
  startSide: DiffSide | null;
  resolvedBy: Account | null;
  /** Comment ids, oldest first. */
  commentIds: number[];
}

export interface PullReviews {
  reviews: Review[];
  comments: ReviewComment[];
  threads: ReviewThread[];
}

// --- GitHub Actions (the actions toolset) ---

export interface Workflow {
  id: number;
  name: string;
  /** .github/workflows/<file>.yml */
  path: string;
  state: 'active' | 'disabled_manually';
  /** Whether the workflow has a workflow_dispatch trigger. */
  dispatchable: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DiscussionCategory {
  id: number;
  name: string;
  slug: string;
  emoji: string;
  description: string | null;
  /** Q&A categories: a comment can be marked as the answer. */
  isAnswerable: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowStep {
  name: string;
  number: number;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

export interface WorkflowJob {
  id: number;
  runId: number;
  runAttempt: number;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  createdAt: string;
  startedAt: string;
  completedAt: string | null;
  steps: WorkflowStep[];
  /** The plain-text log served (through a signed URL) on the other origin. */
  log: string;
}

export interface WorkflowArtifact {
  id: number;
  name: string;
  sizeInBytes: number;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

export interface WorkflowRun {
  id: number;
  workflowId: number;
  runNumber: number;
  runAttempt: number;
  event: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  headBranch: string;
  headSha: string;
  displayTitle: string;
  actor: Account;
  triggeringActor: Account;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string;
  /** Every attempt's jobs; `runAttempt` tells them apart. */
  jobs: WorkflowJob[];
  artifacts: WorkflowArtifact[];
  /** workflow_dispatch inputs. */
  inputs?: Record<string, unknown>;
}

export interface Repo {
  workflows?: Workflow[];
  /** Newest last. */
  workflowRuns?: WorkflowRun[];
}

// ---- security alerts and advisories (issue 8: security area)

/** A security feature of a repository that can be off: its alert endpoints then refuse, as on GitHub. */
export type SecurityFeature = 'code_scanning' | 'secret_scanning' | 'dependabot';

export interface CodeScanningAlert {
  number: number;
  state: 'open' | 'dismissed' | 'fixed';
  rule: { id: string; name: string; severity: 'none' | 'note' | 'warning' | 'error'; securitySeverityLevel: 'low' | 'medium' | 'high' | 'critical' | null; description: string; fullDescription: string; tags: string[] };
  tool: { name: string; version: string | null; guid: string | null };
  ref: string;
  commitSha: string;
  message: string;
  location: { path: string; startLine: number; endLine: number };
  createdAt: string;
  updatedAt: string;
  fixedAt: string | null;
  dismissedBy: Account | null;
  dismissedAt: string | null;
  dismissedReason: 'false positive' | "won't fix" | 'used in tests' | null;
  dismissedComment: string | null;
}

export interface SecretScanningAlert {
  number: number;
  state: 'open' | 'resolved';
  secretType: string;
  secretTypeDisplayName: string;
  provider: string;
  /** The leaked value; the simulator's leak check looks for it in everything a server says. */
  secret: string;
  validity: 'active' | 'inactive' | 'unknown';
  publiclyLeaked: boolean;
  resolution: 'false_positive' | 'wont_fix' | 'revoked' | 'used_in_tests' | null;
  resolvedBy: Account | null;
  resolvedAt: string | null;
  resolutionComment: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DependabotAlert {
  number: number;
  state: 'open' | 'dismissed' | 'fixed' | 'auto_dismissed';
  ecosystem: string;
  packageName: string;
  manifestPath: string;
  scope: 'runtime' | 'development';
  /** The global advisory (GHSA id) it is about. */
  ghsaId: string;
  createdAt: string;
  updatedAt: string;
  fixedAt: string | null;
  dismissedBy: Account | null;
  dismissedAt: string | null;
  dismissedReason: 'fix_started' | 'inaccurate' | 'no_bandwidth' | 'not_used' | 'tolerable_risk' | null;
  dismissedComment: string | null;
}

export interface AdvisoryVulnerability {
  ecosystem: string;
  packageName: string;
  vulnerableVersionRange: string;
  /** First patched version (global) / patched versions (repository advisory). */
  patched: string | null;
}

export interface GlobalAdvisory {
  ghsaId: string;
  cveId: string | null;
  summary: string;
  description: string;
  type: 'reviewed' | 'unreviewed' | 'malware';
  severity: 'critical' | 'high' | 'medium' | 'low' | 'unknown';
  cvssScore: number | null;
  cvssVector: string | null;
  cwes: Array<{ id: string; name: string }>;
  vulnerabilities: AdvisoryVulnerability[];
  sourceCodeLocation: string | null;
  references: string[];
  publishedAt: string;
  updatedAt: string;
  withdrawnAt: string | null;
}

export interface RepositoryAdvisory {
  ghsaId: string;
  cveId: string | null;
  summary: string;
  description: string;
  severity: 'critical' | 'high' | 'medium' | 'low' | null;
  state: 'published' | 'closed' | 'withdrawn' | 'draft' | 'triage';
  author: Account;
  publisher: Account | null;
  cweIds: string[];
  vulnerabilities: AdvisoryVulnerability[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  closedAt: string | null;
}

export interface Repo {
  codeScanningAlerts?: CodeScanningAlert[];
  secretScanningAlerts?: SecretScanningAlert[];
  dependabotAlerts?: DependabotAlert[];
  securityAdvisories?: RepositoryAdvisory[];
  /** Security features switched off; absent means every feature is on. */
  securityDisabled?: Set<SecurityFeature>;
}

export interface DiscussionComment {
  id: number;
  user: Account;
  body: string;
  createdAt: string;
  updatedAt: string;
  /** The top-level comment this one replies to (replies are one level deep, as on GitHub). */
  replyToId: number | null;
}

export interface Discussion {
  id: number;
  number: number;
  title: string;
  body: string;
  user: Account;
  categoryId: number;
  createdAt: string;
  updatedAt: string;
  closed: boolean;
  closedAt: string | null;
  locked: boolean;
  /** Oldest first; top-level comments and replies together. */
  comments: DiscussionComment[];
  answerId: number | null;
  upvoteCount: number;
}
