import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  PathItemObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { buildOpenApiDocument } from '../../apps/api/src/docs';

/** Paths that are HTTP machinery rather than API operations: never in the document. */
const OUTSIDE_THE_CONTRACT = /^\/(docs|docs-json|metrics|admin\/queues)(\/|$)/;

interface Route {
  pattern: RegExp;
  template: string;
  item: PathItemObject;
}

/**
 * Checks every answer against the OpenAPI document the application generates, with Ajv (JSON
 * Schema, OpenAPI's `nullable`, formats from ajv-formats). Loud by design: an operation missing
 * from the document, a status it does not list, a media type it does not describe or a body its
 * schema refuses each fail the request's test with what was expected.
 */
export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenAPIObject) {
    addFormats(this.ajv);
    this.ajv.addSchema(asJsonSchema(structuredClone(document)), 'openapi');
    this.routes = Object.entries(document.paths)
      .map(([template, item]) => ({
        template,
        item,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      }))
      // literal segments before parameters: /v1/cases/mine before /v1/cases/{id}
      .sort((a, b) => a.template.split('{').length - b.template.split('{').length);
  }

  static of(app: INestApplication): ResponseValidator {
    return new ResponseValidator(buildOpenApiDocument(app, 'test'));
  }

  /** Throws unless the answer is one the document describes. */
  check(
    method: string,
    url: string,
    response: Pick<Response, 'status' | 'headers' | 'text' | 'body'>,
  ): void {
    const path = new URL(url, 'http://localhost').pathname;
    const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    if (verb === 'options' || OUTSIDE_THE_CONTRACT.test(path)) return;
    const route = this.routes.find((r) => r.pattern.test(path) && r.item[verb as 'get']);
    if (!route) {
      // no such route: the one answer the framework gives for it is a problem+json 404
      if (response.status === 404)
        return this.validateBody('#/components/schemas/ProblemDto', response, `${method} ${path}`);
      throw new Error(
        `${method} ${path} answered ${response.status} but the OpenAPI document has no such operation`,
      );
    }
    const operation = route.item[verb as 'get'] as OperationObject;
    const where = `${method.toUpperCase()} ${route.template} ${response.status}`;
    const documented = operation.responses[String(response.status)] as ResponseObject | undefined;
    if (!documented) {
      throw new Error(
        `${where} is not documented (documented: ${Object.keys(operation.responses).join(', ')}); ` +
          `body: ${response.text?.slice(0, 300)}`,
      );
    }
    const hasBody = response.text !== undefined && response.text !== '' && verb !== 'head';
    if (!hasBody) return;
    const mediaType = String(response.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    if (!documented.content?.[mediaType]) {
      throw new Error(
        `${where} answered ${mediaType || 'no Content-Type'}; documented: ${Object.keys(documented.content ?? {}).join(', ') || 'no body'}`,
      );
    }
    const pointer = `#/paths/${escape(route.template)}/${verb}/responses/${response.status}/content/${escape(mediaType)}/schema`;
    this.validateBody(pointer, response, where, mediaType);
  }

  private validateBody(
    pointer: string,
    response: Pick<Response, 'text' | 'body'>,
    where: string,
    mediaType = 'application/json',
  ): void {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi${pointer}` });
      this.compiled.set(pointer, validate);
    }
    const values = mediaType.endsWith('ndjson')
      ? response.text
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as unknown)
      : [mediaType.endsWith('json') ? (JSON.parse(response.text) as unknown) : response.text];
    for (const value of values) {
      if (!validate(value)) {
        throw new Error(
          `${where}: the body does not match the OpenAPI schema: ${this.ajv.errorsText(validate.errors)}\n` +
            JSON.stringify(value).slice(0, 600),
        );
      }
    }
  }
}

/**
 * OpenAPI 3.0's `nullable: true` in JSON Schema terms, on every schema of the document: "this, or
 * null" (as openapi-typescript reads it), also where `type` is absent (a nullable `allOf` $ref) or
 * an `enum` does not list null.
 */
function asJsonSchema(node: unknown): object {
  if (Array.isArray(node)) node.forEach(asJsonSchema);
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    for (const value of Object.values(record)) asJsonSchema(value);
    if (record.nullable === true) {
      const { nullable: _nullable, ...schema } = record;
      for (const key of Object.keys(record)) delete record[key];
      record.anyOf = [schema, { type: 'null' }];
    }
  }
  return node as object;
}

/** A JSON Pointer segment (RFC 6901) in a URI fragment. */
const escape = (segment: string): string =>
  encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
