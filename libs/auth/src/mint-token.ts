import { SignJWT } from 'jose';
import type { RecourseConfig } from '@recourse/config';
import { AUTHORITY_ROLES, type TokenRole } from './roles';

export interface TokenClaims {
  sub: string;
  role: TokenRole;
  authorityId?: string;
  /** jose time span: "8h", "30m", "2d"; default 8h, or AUTH_MAX_TOKEN_AGE when shorter */
  expiresIn?: string;
}

const DEFAULT_LIFETIME_SECONDS = 8 * 3600;

/**
 * Signs an HS256 token with the configured secret (development, tests, tools/token.ts), with the
 * configured issuer and audience, so that the API accepts it. With an RS256 public key or a key
 * set URL, tokens come from the identity provider holding the private keys.
 */
export async function mintToken(
  claims: TokenClaims,
  config: Pick<RecourseConfig, 'auth'> & Partial<Pick<RecourseConfig, 'tokens'>>,
): Promise<string> {
  if (config.auth.algorithm !== 'HS256') {
    throw new Error(
      'mintToken needs AUTH_JWT_SECRET; with AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL tokens come from your identity provider',
    );
  }
  if (AUTHORITY_ROLES.includes(claims.role) && !claims.authorityId) {
    throw new Error(`a ${claims.role} token needs an authorityId`);
  }
  const body =
    claims.authorityId === undefined
      ? { role: claims.role }
      : { role: claims.role, authorityId: claims.authorityId };
  const rules = config.tokens;
  const lifetime = Math.min(DEFAULT_LIFETIME_SECONDS, rules?.maxLifetimeSeconds ?? Infinity);
  const token = new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? `${Math.floor(lifetime)}s`);
  if (rules?.issuer !== undefined) token.setIssuer(rules.issuer);
  if (rules?.audience !== undefined) token.setAudience(rules.audience);
  return token.sign(new TextEncoder().encode(config.auth.secret));
}
