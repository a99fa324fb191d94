import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/app';
import { freePort } from '../support/private-postgres';

const ISSUER = 'https://idp.test.example';
const AUDIENCE = 'recourse';

interface SigningKey {
  alg: 'RS256' | 'ES256';
  kid: string;
  privateKey: KeyLike;
}

async function signingKey(alg: SigningKey['alg'], kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { key: { alg, kid, privateKey }, jwk };
}

/** An identity provider's key set endpoint: GET /jwks.json answers the public keys. */
async function serveKeySet(
  keys: JWK[],
): Promise<{ url: string; fetches: () => number; server: Server }> {
  let fetches = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/jwks.json') return void res.writeHead(404).end();
    fetches++;
    res.writeHead(200, { 'Content-Type': 'application/jwk-set+json' });
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/jwks.json`, fetches: () => fetches, server };
}

function token(
  key: SigningKey,
  claims: { iss?: string; aud?: string; kid?: string } = {},
): Promise<string> {
  return new SignJWT({ role: 'citizen' })
    .setProtectedHeader({ alg: key.alg, kid: claims.kid ?? key.kid, typ: 'JWT' })
    .setSubject('citizen-from-idp')
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key.privateKey);
}

describe('JWT keys from a JWKS URL (AUTH_JWKS_URL)', () => {
  let t: TestApp;
  let keySet: Awaited<ReturnType<typeof serveKeySet>>;
  let rsa: SigningKey;
  let ec: SigningKey;
  let impostor: SigningKey;

  beforeAll(async () => {
    const published = await Promise.all([
      signingKey('RS256', 'rsa-1'),
      signingKey('ES256', 'ec-1'),
    ]);
    [rsa, ec] = published.map(({ key }) => key);
    // same kid as a published key, but a private key the identity provider never published
    impostor = (await signingKey('RS256', 'rsa-1')).key;
    keySet = await serveKeySet(published.map(({ jwk }) => jwk));
    t = await startTestApp({
      env: {
        AUTH_JWT_SECRET: '',
        AUTH_JWKS_URL: keySet.url,
        AUTH_JWT_ISSUER: ISSUER,
        AUTH_JWT_AUDIENCE: AUDIENCE,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    keySet?.server.close();
  });

  const mine = async (jwt: string) =>
    t.http.get('/v1/cases/mine').set('Authorization', `Bearer ${jwt}`);

  const expect401 = async (jwt: string, detail: RegExp) => {
    const res = await mine(jwt);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(res.body).toMatchObject({ status: 401, detail: expect.stringMatching(detail) });
  };

  it('accepts tokens signed by a published RS256 or ES256 key', async () => {
    for (const key of [rsa, ec]) {
      const res = await mine(await token(key));
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
    // fetched once, then cached
    expect(keySet.fetches()).toBe(1);
  });

  it('refuses a token signed by another key under a published kid', () =>
    token(impostor).then((jwt) => expect401(jwt, /signature is invalid/)));

  it('refuses a token whose kid the key set does not hold', () =>
    token(rsa, { kid: 'rsa-unknown' }).then((jwt) => expect401(jwt, /unknown "kid"/)));

  it('refuses a token from another issuer or for another audience', async () => {
    await expect401(await token(rsa, { iss: 'https://other-idp.example' }), /claim "iss"/);
    await expect401(await token(ec, { aud: 'another-service' }), /claim "aud"/);
  });

  it('refuses an HS256 token, whatever secret signed it', async () => {
    const hs256 = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    await expect401(hs256, /algorithm is not allowed/);
  });
});

describe('JWT keys from a JWKS URL that does not answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        AUTH_JWT_SECRET: '',
        // nothing listens there
        AUTH_JWKS_URL: `http://127.0.0.1:${await freePort()}/jwks.json`,
      },
    });
  });
  afterAll(() => t?.close());

  it('answers 503 problem+json with Retry-After, not 401: the token may well be good', async () => {
    const { key } = await signingKey('ES256', 'ec-1');
    const res = await t.http
      .get('/v1/cases/mine')
      .set('Authorization', `Bearer ${await token(key)}`);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toMatchObject({ status: 503, detail: expect.stringMatching(/key set/) });
  });
});
