import { z } from 'zod';
import { LIMITS, objectOr, truncate, type Shaped } from './common';

/*
 * Sources (OpenAPI components): `team` (teams/list: name, slug, description (nullable),
 * permission, html_url and parent (nullable team-simple) required; privacy optional) and
 * `team-full` (teams/list-for-authenticated-user: adds organization (login required) and
 * the counts; parent optional). Members are `simple-user` (login required).
 */
interface RawTeam {
  name: string;
  slug: string;
  description: string | null;
  permission: string;
  privacy?: string;
  parent?: { slug?: string } | null;
  organization?: { login?: string };
  members_count?: number;
  repos_count?: number;
}

export const teamSchema = z.object({
  name: z.string(),
  slug: z.string().describe('Pass to get_team_members as team_slug'),
  org: z.string().optional().describe('Organization login (in your own team list)'),
  description: z.string().nullable(),
  privacy: z.string().optional().describe('closed (visible to all org members) or secret'),
  permission: z.string().describe('Default permission on the team\'s repositories'),
  parent: z.string().nullable().optional().describe('Slug of the parent team; null for a top-level team'),
  membersCount: z.number().optional(),
  reposCount: z.number().optional(),
});

/** Lean on purpose (no URLs: org and slug name a team): team lists are small objects to begin with. */
export function shapeTeam(t: RawTeam): Shaped<z.output<typeof teamSchema>> {
  const parent = t.parent === null ? null : objectOr(t.parent)?.slug;
  return {
    name: t.name,
    slug: t.slug,
    org: objectOr(t.organization)?.login,
    description: typeof t.description === 'string' ? truncate(t.description, LIMITS.description).text : t.description,
    privacy: t.privacy,
    permission: t.permission,
    parent,
    membersCount: t.members_count,
    reposCount: t.repos_count,
  };
}

export const teamMemberSchema = z.object({ login: z.string() });

export function shapeTeamMember(u: { login: string }): Shaped<z.output<typeof teamMemberSchema>> {
  return { login: u.login };
}
