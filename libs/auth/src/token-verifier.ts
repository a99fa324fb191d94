import { errors, importSPKI, jwtVerify, type JWTPayload, type KeyLike } from 'jose';
import type { Actor } from '@recourse/domain';
import type { JwtKeyConfig, TokenRules } from '@recourse/config';
import { isStorableText } from '@recourse/contracts';
import { AUTHORITY_ROLES, isTokenRole } from './roles';

/** Why a bearer token was refused; the message is safe to show the caller. */
export class InvalidToken extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidToken';
  }
}

export type TokenVerifier = (token: string) => Promise<Actor>;

/** How far the issuer's clock may be off ours, for exp, iat and nbf alike. */
export const CLOCK_TOLERANCE_SECONDS = 5;

const ANY_ISSUER: TokenRules = { maxLifetimeSeconds: 24 * 3600 };

/**
 * Verifies a compact JWT and turns its claims into the domain's Actor. The algorithm is pinned
 * by the configured key (HS256 secret or RS256 public key), so `alg: none` or an algorithm swap
 * is refused. `exp` and `iat` are required: a token may live at most `maxLifetimeSeconds`
 * (exp − iat), and one without `iat` cannot show how long it lives, so it is refused too; `iat`
 * may not lie in the future. `iss` and `aud` are checked when configured.
 */
export function createTokenVerifier(
  auth: JwtKeyConfig,
  rules: TokenRules = ANY_ISSUER,
): TokenVerifier {
  const key: Promise<KeyLike | Uint8Array> =
    auth.algorithm === 'HS256'
      ? Promise.resolve(new TextEncoder().encode(auth.secret))
      : importSPKI(auth.publicKey, 'RS256');
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await key, {
        algorithms: [auth.algorithm],
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        // also refuses an iat in the future (beyond the tolerance)
        maxTokenAge: rules.maxLifetimeSeconds,
        ...(rules.issuer === undefined ? {} : { issuer: rules.issuer }),
        ...(rules.audience === undefined ? {} : { audience: rules.audience }),
      }));
    } catch (error) {
      throw new InvalidToken(describe(error));
    }
    if (payload.exp! - payload.iat! > rules.maxLifetimeSeconds) {
      throw new InvalidToken(
        `the token may live at most ${rules.maxLifetimeSeconds} s (exp − iat); ask for a shorter-lived one`,
      );
    }
    return actorFrom(payload);
  };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token algorithm is not allowed';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token claim "${error.claim}" is invalid`;
  return 'the token is malformed';
}

function actorFrom(payload: JWTPayload): Actor {
  const { sub, role, authorityId } = payload;
  if (typeof sub !== 'string' || sub === '' || !isStorableText(sub))
    throw new InvalidToken('the token claim "sub" is invalid');
  if (!isTokenRole(role)) throw new InvalidToken('the token claim "role" is invalid');
  if (
    authorityId !== undefined &&
    (typeof authorityId !== 'string' || authorityId === '' || !isStorableText(authorityId))
  ) {
    throw new InvalidToken('the token claim "authorityId" is invalid');
  }
  if (AUTHORITY_ROLES.includes(role) && authorityId === undefined) {
    throw new InvalidToken(`a ${role} token needs an "authorityId" claim`);
  }
  // a citizen speaks for nobody but themselves, whatever the token says
  return role === 'citizen' || authorityId === undefined
    ? { id: sub, role }
    : { id: sub, role, authorityId };
}
