import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { RecourseConfig } from '@recourse/config';
import { AuthGuard } from './auth.guard';
import { Public, Roles } from './decorators';
import { mintToken } from './mint-token';
import { CLOCK_TOLERANCE_SECONDS, createTokenVerifier, InvalidToken } from './token-verifier';

const SECRET = 'unit-test-secret-0123456789abcdefghijkl';
const config = { auth: { algorithm: 'HS256', secret: SECRET } } as RecourseConfig;
const key = new TextEncoder().encode(SECRET);

const sign = (claims: Record<string, unknown>, secret = key) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(secret);

describe('createTokenVerifier (HS256)', () => {
  const verify = createTokenVerifier(config.auth);

  it('turns claims into the domain actor', async () => {
    await expect(verify(await mintToken({ sub: 'u1', role: 'citizen' }, config))).resolves.toEqual({
      id: 'u1',
      role: 'citizen',
    });
    await expect(
      verify(
        await mintToken({ sub: 'w1', role: 'caseworker', authorityId: 'zhengzhou-health' }, config),
      ),
    ).resolves.toEqual({ id: 'w1', role: 'caseworker', authorityId: 'zhengzhou-health' });
  });

  it('drops an authorityId from a citizen token', async () => {
    await expect(
      verify(await sign({ sub: 'u1', role: 'citizen', authorityId: 'x' })),
    ).resolves.toEqual({
      id: 'u1',
      role: 'citizen',
    });
  });

  it.each([
    ['an unknown role', { sub: 'u1', role: 'system' }, /"role"/],
    ['no sub', { role: 'citizen' }, /"sub"/],
    ['a caseworker without authority', { sub: 'w1', role: 'caseworker' }, /needs an "authorityId"/],
    ['a supervisor without authority', { sub: 's1', role: 'supervisor' }, /needs an "authorityId"/],
    ['a non-string authority', { sub: 's1', role: 'supervisor', authorityId: 7 }, /"authorityId"/],
  ])('refuses %s', async (_, claims, message) => {
    await expect(verify(await sign(claims))).rejects.toThrow(message);
  });

  it('refuses expired, forged, unsigned, unexpiring and malformed tokens', async () => {
    const expired = await new SignJWT({ role: 'citizen' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    await expect(verify(expired)).rejects.toThrow('the token has expired');
    const forged = await sign(
      { sub: 'u1', role: 'admin' },
      new TextEncoder().encode('another-secret-of-32-characters!!'),
    );
    await expect(verify(forged)).rejects.toThrow('the token signature is invalid');
    const unsigned = new UnsecuredJWT({ role: 'admin' })
      .setSubject('u1')
      .setExpirationTime('1h')
      .encode();
    await expect(verify(unsigned)).rejects.toThrow(InvalidToken);
    const noExpiry = await new SignJWT({ role: 'citizen' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuedAt()
      .sign(key);
    await expect(verify(noExpiry)).rejects.toThrow('the token claim "exp" is invalid');
    await expect(verify('not.a.jwt')).rejects.toThrow('the token is malformed');
  });
});

describe('createTokenVerifier: issuer, audience, lifetime', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const token = (claims: Record<string, unknown>) =>
    new SignJWT({ sub: 'u1', role: 'citizen', ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
  const hour = { iat: now(), exp: now() + 3600 };

  it('checks iss and aud when configured, and ignores them otherwise', async () => {
    const strict = createTokenVerifier(config.auth, {
      issuer: 'https://idp.example.org',
      audience: 'recourse',
      maxLifetimeSeconds: 86_400,
    });
    const right = { ...hour, iss: 'https://idp.example.org', aud: ['other', 'recourse'] };
    await expect(strict(await token(right))).resolves.toEqual({ id: 'u1', role: 'citizen' });
    await expect(strict(await token({ ...right, iss: 'https://evil.example' }))).rejects.toThrow(
      'the token claim "iss" is invalid',
    );
    await expect(strict(await token({ ...right, aud: 'other' }))).rejects.toThrow(
      'the token claim "aud" is invalid',
    );
    await expect(strict(await token(hour))).rejects.toThrow(InvalidToken);
    await expect(createTokenVerifier(config.auth)(await token(right))).resolves.toBeDefined();
  });

  it('refuses tokens that claim to live longer than the maximum, or in the future, or without iat', async () => {
    const verify = createTokenVerifier(config.auth, { maxLifetimeSeconds: 86_400 });
    await expect(verify(await token({ iat: now(), exp: now() + 86_400 }))).resolves.toBeDefined();
    await expect(verify(await token({ iat: now(), exp: now() + 86_401 }))).rejects.toThrow(
      'the token may live at most 86400 s',
    );
    const year3000 = Math.floor(Date.parse('3000-01-01T00:00:00Z') / 1000);
    await expect(verify(await token({ iat: now(), exp: year3000 }))).rejects.toThrow(InvalidToken);
    await expect(verify(await token({ iat: year3000 - 60, exp: year3000 }))).rejects.toThrow(
      'the token claim "iat" is invalid',
    );
    await expect(verify(await token({ exp: now() + 60 }))).rejects.toThrow(
      'the token claim "iat" is invalid',
    );
  });

  it('refuses subjects and authorities that are not storable text', async () => {
    const verify = createTokenVerifier(config.auth);
    await expect(verify(await token({ ...hour, sub: 'u\u0000' }))).rejects.toThrow('"sub"');
    await expect(
      verify(await token({ ...hour, role: 'caseworker', authorityId: '\ud800' })),
    ).rejects.toThrow('"authorityId"');
  });
});

describe('createTokenVerifier: verified tokens kept until they expire', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a verified token again without verifying it, and refuses it once expired', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-04T10:00:00Z'), doNotFake: ['nextTick'] });
    const verify = createTokenVerifier(config.auth);
    const iat = Math.floor(Date.now() / 1000);
    const minted = await new SignJWT({ role: 'citizen' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(key);
    const first = await verify(minted);
    await expect(verify(minted)).resolves.toBe(first);
    jest.setSystemTime((iat + 60 + CLOCK_TOLERANCE_SECONDS + 1) * 1000);
    await expect(verify(minted)).rejects.toThrow('the token has expired');
  });

  it('keeps no refused token: the same forged token is refused every time', async () => {
    const verify = createTokenVerifier(config.auth);
    const forged = await sign(
      { sub: 'u1', role: 'citizen' },
      new TextEncoder().encode('x'.repeat(40)),
    );
    await expect(verify(forged)).rejects.toThrow('the token signature is invalid');
    await expect(verify(forged)).rejects.toThrow('the token signature is invalid');
  });

  it('keeps a token apart from another that differs in one character', async () => {
    const verify = createTokenVerifier(config.auth);
    const minted = await mintToken({ sub: 'u1', role: 'citizen' }, config);
    await verify(minted);
    // the signature's first character: all six of its bits are signature bits
    const at = minted.lastIndexOf('.') + 1;
    const other = minted[at] === 'A' ? 'B' : 'A';
    const altered = minted.slice(0, at) + other + minted.slice(at + 1);
    await expect(verify(altered)).rejects.toThrow('the token signature is invalid');
  });
});

describe('createTokenVerifier (RS256)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const verify = createTokenVerifier({ algorithm: 'RS256', publicKey: pem });

  it('accepts RS256 and refuses HS256 signed with the public key as secret (algorithm confusion)', async () => {
    const good = await new SignJWT({ role: 'oversight' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('o1')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(verify(good)).resolves.toEqual({ id: 'o1', role: 'oversight' });
    const confused = await sign({ sub: 'o1', role: 'admin' }, new TextEncoder().encode(pem));
    await expect(verify(confused)).rejects.toThrow('the token algorithm is not allowed');
  });
});

describe('AuthGuard', () => {
  class Routes {
    @Public() health() {}
    open() {}
    @Roles('caseworker', 'supervisor') decide() {}
  }
  const guard = new AuthGuard(new Reflector(), config);

  const contextFor = (handler: keyof Routes, authorization?: string) => {
    const request: Record<string, unknown> = { headers: authorization ? { authorization } : {} };
    const headers: Record<string, string> = {};
    const context = {
      getHandler: () => Routes.prototype[handler],
      getClass: () => Routes,
      switchToHttp: () => ({
        getRequest: () => request,
        getResponse: () => ({
          setHeader: (name: string, value: string) => (headers[name] = value),
        }),
      }),
    } as unknown as ExecutionContext;
    return { context, request, headers };
  };

  it('lets anyone through a @Public() route', async () => {
    await expect(guard.canActivate(contextFor('health').context)).resolves.toBe(true);
  });

  it('answers 401 with WWW-Authenticate without a bearer token', async () => {
    const { context, headers } = contextFor('open', 'Basic dTpw');
    await expect(guard.canActivate(context)).rejects.toThrow(UnauthorizedException);
    expect(headers['WWW-Authenticate']).toBe('Bearer');
  });

  it('answers 401 for an invalid token', async () => {
    const { context, headers } = contextFor('open', 'Bearer nope');
    await expect(guard.canActivate(context)).rejects.toThrow(UnauthorizedException);
    expect(headers['WWW-Authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('puts the actor on the request', async () => {
    const token = await mintToken({ sub: 'u1', role: 'citizen' }, config);
    const { context, request } = contextFor('open', `Bearer ${token}`);
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.actor).toEqual({ id: 'u1', role: 'citizen' });
  });

  it('answers 403 when @Roles() does not include the role', async () => {
    const citizen = await mintToken({ sub: 'u1', role: 'citizen' }, config);
    await expect(
      guard.canActivate(contextFor('decide', `Bearer ${citizen}`).context),
    ).rejects.toThrow(ForbiddenException);
    const worker = await mintToken({ sub: 'w1', role: 'caseworker', authorityId: 'a' }, config);
    await expect(guard.canActivate(contextFor('decide', `Bearer ${worker}`).context)).resolves.toBe(
      true,
    );
  });
});

describe('mintToken', () => {
  it('signs with the configured issuer and audience and within the maximum lifetime', async () => {
    const tokens = { issuer: 'recourse-dev', audience: 'recourse', maxLifetimeSeconds: 600 };
    const minted = await mintToken({ sub: 'u1', role: 'citizen' }, { ...config, tokens });
    await expect(createTokenVerifier(config.auth, tokens)(minted)).resolves.toEqual({
      id: 'u1',
      role: 'citizen',
    });
  });

  it('refuses staff tokens without an authority and RS256 configurations', async () => {
    await expect(mintToken({ sub: 'w1', role: 'caseworker' }, config)).rejects.toThrow(
      /needs an authorityId/,
    );
    await expect(
      mintToken({ sub: 'u1', role: 'citizen' }, { auth: { algorithm: 'RS256', publicKey: 'x' } }),
    ).rejects.toThrow(/identity provider/);
  });
});
