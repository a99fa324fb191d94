import type { AddressInfo } from 'node:net';
import { createRecourseClient, type RecourseClient } from '@recourse/client';
import type { TestApp } from './app';
import { ResponseValidator } from './openapi';

/**
 * Puts the test app on a real port (127.0.0.1, ephemeral) and returns typed clients of it, as an
 * integrator builds them, each with a token from `t.token` (or none); every answer they get is checked against the OpenAPI document too.
 */
export async function listeningClients(t: TestApp): Promise<(bearer?: string) => RecourseClient> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const responses = ResponseValidator.of(t.app);
  return (bearer) => {
    const client = createRecourseClient({
      baseUrl: `http://127.0.0.1:${port}`,
      token: bearer?.replace(/^Bearer /, ''),
    });
    client.use({
      async onResponse({ request, response }) {
        responses.check(request.method, request.url, {
          status: response.status,
          headers: Object.fromEntries(response.headers),
          text: await response.clone().text(),
          body: undefined,
        });
      },
    });
    return client;
  };
}
