import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateIf, ValidationArguments, registerDecorator } from 'class-validator';

type Kind = 'appeal' | 'petition';

/** Which fields of a filing belong to which kind, as the decorators below declare them. */
export const KIND_FIELDS: Record<Kind, { required: string[]; optional: string[] }> = {
  appeal: { required: [], optional: [] },
  petition: { required: [], optional: [] },
};

/** Records the property under its kind, then applies the validators. */
function declaredFor(
  kind: Kind,
  presence: 'required' | 'optional',
  validators: PropertyDecorator,
): PropertyDecorator {
  return (target, propertyName) => {
    KIND_FIELDS[kind][presence].push(String(propertyName));
    validators(target, propertyName);
  };
}

/** Fails when the property is present on a body of another kind. */
function AbsentUnlessKind(kind: Kind): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'absentUnlessKind',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value === undefined || (args.object as { kind?: unknown }).kind === kind,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} is only allowed when kind is '${kind}'`,
      },
    });
}

/**
 * A field that a filing of `kind` must carry and a filing of any other kind must not. The other
 * validators on the property run whenever it is required or present.
 */
export function RequiredOnlyFor(kind: Kind): PropertyDecorator {
  return declaredFor(
    kind,
    'required',
    applyDecorators(
      ValidateIf(
        (body: { kind?: unknown }, value: unknown) => body.kind === kind || value !== undefined,
      ),
      IsDefined({ message: `$property is required when kind is '${kind}'` }),
      AbsentUnlessKind(kind),
    ),
  );
}

/** A field that a filing of `kind` may carry and a filing of any other kind must not. */
export function OptionalOnlyFor(kind: Kind): PropertyDecorator {
  return declaredFor(
    kind,
    'optional',
    applyDecorators(
      ValidateIf((_body: unknown, value: unknown) => value !== undefined),
      AbsentUnlessKind(kind),
    ),
  );
}

/** Petitions have standard deadlines only: their response clock starts at the support threshold. */
export function StandardPriorityForPetitions(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'standardPriorityForPetitions',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          (args.object as { kind?: unknown }).kind !== 'petition' || value === 'standard',
        defaultMessage: () => "a petition's priority can only be 'standard'",
      },
    });
}
