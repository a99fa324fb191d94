import { SignJWT } from 'jose';
import type { RecourseConfig } from '@recourse/config';
import { AUTHORITY_ROLES, type TokenRole } from './roles';

export interface TokenClaims {
  sub: string;
  role: TokenRole;
  authorityId?: string;
  /** jose time span: "8h", "30m", "2d"; default 8h */
  expiresIn?: string;
}

/**
 * Signs an HS256 token with the configured secret (development, tests, tools/token.ts).
 * With an RS256 public key only, tokens come from the identity provider holding the private key.
 */
export async function mintToken(
  claims: TokenClaims,
  config: Pick<RecourseConfig, 'auth'>,
): Promise<string> {
  if (config.auth.algorithm !== 'HS256') {
    throw new Error(
      'mintToken needs AUTH_JWT_SECRET; with AUTH_JWT_PUBLIC_KEY tokens come from your identity provider',
    );
  }
  if (AUTHORITY_ROLES.includes(claims.role) && !claims.authorityId) {
    throw new Error(`a ${claims.role} token needs an authorityId`);
  }
  const body =
    claims.authorityId === undefined
      ? { role: claims.role }
      : { role: claims.role, authorityId: claims.authorityId };
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(config.auth.secret));
}
