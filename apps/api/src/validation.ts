import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { problemType, type FieldError } from '@recourse/http-edge';

/**
 * Validates every DTO: unknown fields are refused (not dropped), values are transformed to the
 * DTO's types, and failures become a 400 problem listing each field with its dotted path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

/** The 400 of every refused field: a validation-failed problem listing each field and why. */
export function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    type: problemType('validation-failed'),
    title: 'Invalid request',
    detail: 'Some fields of the request are invalid.',
    errors,
  });
}

export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
