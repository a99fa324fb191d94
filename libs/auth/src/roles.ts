import type { Role } from '@recourse/domain';

/** Roles a token may carry; `system` is the timers' actor and never comes in over HTTP. */
export const TOKEN_ROLES = ['citizen', 'caseworker', 'supervisor', 'oversight', 'admin'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number] & Role;

/** Staff of an authority: their tokens must name it. */
export const AUTHORITY_ROLES: readonly TokenRole[] = ['caseworker', 'supervisor'];

export function isTokenRole(value: unknown): value is TokenRole {
  return typeof value === 'string' && (TOKEN_ROLES as readonly string[]).includes(value);
}
