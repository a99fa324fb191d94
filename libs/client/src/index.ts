import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './openapi';

export type { components, operations, paths };

/** The typed client: `GET`, `POST`, … on the paths of openapi.json, with their bodies and answers. */
export type RecourseClient = Client<paths>;

/** Every error answer: RFC 9457 problem details, `application/problem+json`. */
export type Problem = components['schemas']['ProblemDto'];
export type CaseView = components['schemas']['CaseViewDto'];
export type AppealFiling = components['schemas']['AppealFiling'];
export type PetitionFiling = components['schemas']['PetitionFiling'];

export interface RecourseClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** where Recourse answers, e.g. `https://recourse.example.org` */
  baseUrl: string;
  /**
   * the caller's JWT (without `Bearer `), or a function asked before every request, so that a
   * token can be renewed; none for the public routes
   */
  token?: string | (() => string | Promise<string>);
}

/** A client of Recourse's HTTP API, typed from its OpenAPI document, sending the caller's token. */
export function createRecourseClient({ token, ...options }: RecourseClientOptions): RecourseClient {
  const client = createClient<paths>(options);
  if (token !== undefined) {
    client.use({
      async onRequest({ request }) {
        const jwt = typeof token === 'function' ? await token() : token;
        request.headers.set('Authorization', `Bearer ${jwt}`);
        return request;
      },
    });
  }
  return client;
}
