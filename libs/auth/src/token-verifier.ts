import { errors, importSPKI, jwtVerify, type JWTPayload, type KeyLike } from 'jose';
import type { Actor } from '@recourse/domain';
import type { JwtKeyConfig } from '@recourse/config';
import { AUTHORITY_ROLES, isTokenRole } from './roles';

/** Why a bearer token was refused; the message is safe to show the caller. */
export class InvalidToken extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidToken';
  }
}

export type TokenVerifier = (token: string) => Promise<Actor>;

const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Verifies a compact JWT and turns its claims into the domain's Actor. The algorithm is pinned
 * by the configured key (HS256 secret or RS256 public key), so `alg: none` or an algorithm swap
 * is refused; `exp` is required.
 */
export function createTokenVerifier(auth: JwtKeyConfig): TokenVerifier {
  const key: Promise<KeyLike | Uint8Array> =
    auth.algorithm === 'HS256'
      ? Promise.resolve(new TextEncoder().encode(auth.secret))
      : importSPKI(auth.publicKey, 'RS256');
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await key, {
        algorithms: [auth.algorithm],
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw new InvalidToken(describe(error));
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
  if (typeof sub !== 'string' || sub === '')
    throw new InvalidToken('the token claim "sub" is invalid');
  if (!isTokenRole(role)) throw new InvalidToken('the token claim "role" is invalid');
  if (authorityId !== undefined && (typeof authorityId !== 'string' || authorityId === '')) {
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
