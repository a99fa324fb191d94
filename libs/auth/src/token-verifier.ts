import {
  createRemoteJWKSet,
  errors,
  importSPKI,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
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

/**
 * The identity provider's key set could not be fetched (AUTH_JWKS_URL unreachable, slow, or not
 * a key set): no fault of the caller's token, so the request may be retried.
 */
export class KeySetUnavailable extends Error {
  constructor(cause: unknown) {
    super(`the key set at AUTH_JWKS_URL is unavailable: ${(cause as Error).message}`, { cause });
    this.name = 'KeySetUnavailable';
  }
}

export type TokenVerifier = (token: string) => Promise<Actor>;

/** How far the issuer's clock may be off ours, for exp, iat and nbf alike. */
export const CLOCK_TOLERANCE_SECONDS = 5;

const ANY_ISSUER: TokenRules = { maxLifetimeSeconds: 24 * 3600 };

/** the algorithms of the asymmetric keys an identity provider's key set may hold */
const KEY_SET_ALGORITHMS = ['RS256', 'ES256'];

/**
 * Verifies a compact JWT and turns its claims into the domain's Actor. The algorithm is pinned
 * by the configured key (HS256 secret, RS256 public key, or RS256/ES256 from a key set), so
 * `alg: none` or an algorithm swap is refused. From a key set, the token's `kid` picks the key;
 * an unknown `kid` refetches the set (at most every 30 s) before the token is refused. `exp` and `iat` are required: a token may live at most `maxLifetimeSeconds`
 * (exp − iat), and one without `iat` cannot show how long it lives, so it is refused too; `iat`
 * may not lie in the future. `iss` and `aud` are checked when configured.
 */
export function createTokenVerifier(
  auth: JwtKeyConfig,
  rules: TokenRules = ANY_ISSUER,
): TokenVerifier {
  const { key, algorithms } = verificationKey(auth);
  const verified = new VerifiedTokens();
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        // also refuses an iat in the future (beyond the tolerance)
        maxTokenAge: rules.maxLifetimeSeconds,
        ...(rules.issuer === undefined ? {} : { issuer: rules.issuer }),
        ...(rules.audience === undefined ? {} : { audience: rules.audience }),
      }));
    } catch (error) {
      if (error instanceof KeySetUnavailable) throw error;
      throw new InvalidToken(describe(error));
    }
    if (payload.exp! - payload.iat! > rules.maxLifetimeSeconds) {
      throw new InvalidToken(
        `the token may live at most ${rules.maxLifetimeSeconds} s (exp − iat); ask for a shorter-lived one`,
      );
    }
    const actor = actorFrom(payload);
    verified.keep(token, actor, payload.exp!);
    return actor;
  };
}

/** tokens kept verified at once; the oldest goes first */
const VERIFIED_KEPT = 10_000;

/**
 * Tokens that passed every check, kept until they expire (exp, in our clock: never later than
 * jose would accept them, as exp − iat ≤ the lifetime is checked before), so that a caller's
 * requests pay for the signature check once per token, not once per request. Keyed by the whole
 * token: another token (even of the same caller) is verified afresh. A refused token is never
 * kept. What a key set rotates out is still accepted for the tokens already verified under it,
 * until they expire, as jose's own key set cache would for a while.
 */
class VerifiedTokens {
  private readonly byToken = new Map<string, { actor: Actor; expiresAtMs: number }>();

  get(token: string): Actor | undefined {
    const kept = this.byToken.get(token);
    if (kept === undefined) return undefined;
    if (kept.expiresAtMs > Date.now()) return kept.actor;
    this.byToken.delete(token);
    return undefined;
  }

  keep(token: string, actor: Actor, exp: number): void {
    this.byToken.set(token, { actor: Object.freeze(actor), expiresAtMs: exp * 1000 });
    if (this.byToken.size > VERIFIED_KEPT) this.byToken.delete(this.byToken.keys().next().value!);
  }
}

function verificationKey(auth: JwtKeyConfig): { key: JWTVerifyGetKey; algorithms: string[] } {
  switch (auth.algorithm) {
    case 'HS256': {
      const secret = new TextEncoder().encode(auth.secret);
      return { key: () => secret, algorithms: ['HS256'] };
    }
    case 'RS256': {
      const publicKey = importSPKI(auth.publicKey, 'RS256');
      return { key: () => publicKey, algorithms: ['RS256'] };
    }
    case 'JWKS':
      return { key: keySet(auth.jwksUrl), algorithms: KEY_SET_ALGORITHMS };
  }
}

/** jose's cached remote key set; a failure to fetch it is told apart from a token without a key */
function keySet(url: string): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(url));
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys
      ) {
        throw error;
      }
      throw new KeySetUnavailable(error);
    }
  };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token algorithm is not allowed';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'the token names no key of the identity provider (unknown "kid")';
  if (error instanceof errors.JWKSMultipleMatchingKeys)
    return 'the token names no single key of the identity provider (no "kid")';
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
