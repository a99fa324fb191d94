import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FileCaseDto, filingSchemas, ProblemDto } from '@recourse/contracts';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDto' };
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Statuses every operation of a kind can answer, whatever its controller says. */
const COMMON_PROBLEMS: Record<'secured' | 'input' | 'body', Record<string, string>> = {
  secured: {
    '401': 'missing, expired or invalid bearer token',
    '410': "KurrentDB only: the case's stream was deleted or truncated in the event store",
    '429': 'over the rate limit; Retry-After says when to retry',
    '503':
      "a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later",
  },
  input: { '400': 'invalid parameters or body (problem+json with errors[])' },
  body: {
    '413': 'body larger than 64 KiB, or a change larger than the event store accepts at once',
    '415': 'body not application/json',
  },
};

/**
 * The OpenAPI document of the application's routes, generated from the controllers and DTOs and
 * completed with what decorators cannot say per route: the problem+json body of every error, the
 * statuses every authenticated or body-taking route can answer, no security on public routes, and
 * unknown fields refused in request bodies. `npm run lint:api` writes it to openapi.json.
 */
export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Recourse')
      .setDescription(
        'Appeals and petitions against public decisions. Errors are application/problem+json ' +
          '(RFC 9457). Commands accept Idempotency-Key and If-Match; queries accept X-Min-Position.',
      )
      .setVersion(version)
      .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
      .addServer('/', 'the server that serves this document')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addSecurityRequirements('bearer')
      .build(),
    { extraModels: [ProblemDto, FileCaseDto] },
  );
  const schemas = document.components!.schemas!;
  // FileCaseDto validates; the document shows its two kinds (see FILING_BODY_SCHEMA)
  Object.assign(schemas, filingSchemas(schemas.FileCaseDto as SchemaObject));
  delete schemas.FileCaseDto;
  for (const operation of operations(document)) completeOperation(document, operation);
  return document;
}

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json. */
export function setupDocs(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

function* operations(document: OpenAPIObject): Generator<OperationObject> {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (operation) yield operation;
    }
  }
}

function completeOperation(document: OpenAPIObject, operation: OperationObject): void {
  const isPublic = operation.security?.every(
    (requirement) => Object.keys(requirement).length === 0,
  );
  // Public() declares `[{}]`; an empty list says the same without a lock in Swagger UI
  if (isPublic) operation.security = [];
  const responses = operation.responses;
  const add = (problems: Record<string, string>) => {
    for (const [status, description] of Object.entries(problems)) {
      responses[status] ??= { description };
    }
  };
  if (!isPublic) add(COMMON_PROBLEMS.secured);
  // every route checks its query string (unknown or hostile keys), parameters and body
  add(COMMON_PROBLEMS.input);
  if (operation.requestBody) {
    add(COMMON_PROBLEMS.body);
    refuseUnknownFields(document, operation.requestBody);
  }
  for (const [status, response] of Object.entries(responses)) {
    const answer = response as ResponseObject;
    if (Number(status) >= 400 && !answer.content) {
      answer.content = { [PROBLEM_MEDIA_TYPE]: { schema: PROBLEM_REF } };
    }
  }
}

/** The global ValidationPipe refuses unknown fields (forbidNonWhitelisted): say so in the schemas. */
function refuseUnknownFields(
  document: OpenAPIObject,
  body: RequestBodyObject | ReferenceObject,
): void {
  const schemas = document.components!.schemas!;
  const seen = new Set<object>();
  const visit = (node: SchemaObject | ReferenceObject | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    if ('$ref' in node) return visit(schemas[node.$ref.split('/').pop()!]);
    if (node.properties) node.additionalProperties ??= false;
    for (const child of [
      ...Object.values(node.properties ?? {}),
      ...(node.oneOf ?? []),
      ...(node.anyOf ?? []),
      ...(node.allOf ?? []),
      node.items,
    ]) {
      visit(child);
    }
  };
  if ('content' in body) for (const media of Object.values(body.content)) visit(media.schema);
}
