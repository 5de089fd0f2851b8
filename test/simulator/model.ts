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
}

export const LEVELS: Record<Level, number> = { read: 1, write: 2, admin: 3 };

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
