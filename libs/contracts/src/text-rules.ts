import { hasVisibleText } from '@recourse/domain';
import { registerDecorator, type ValidationArguments } from 'class-validator';

/** A class-validator rule for a string property: `accepts` decides, `message` explains. */
export function StringRule(
  name: string,
  accepts: (text: string) => boolean,
  message: (property: string) => string,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && accepts(value),
        defaultMessage: (args: ValidationArguments) => message(args.property),
      },
    });
}

/** A required free-text field: a string with at least one visible character. */
export const VisibleText = (): PropertyDecorator =>
  StringRule(
    'visibleText',
    hasVisibleText,
    (property) => `${property} must not be blank (it needs a visible character)`,
  );

/** Never text: PostgreSQL cannot store NUL, and a lone surrogate is not Unicode at all. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what it looks for
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/** Text PostgreSQL can store and JSON can carry: no NUL, no lone surrogate. */
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/**
 * Keys that name JavaScript's prototype machinery. JSON.parse makes `__proto__` an own property,
 * which class-transformer drops silently instead of refusing: they are refused like any unknown
 * field, wherever they appear.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface TextViolation {
  /** dotted path of the field, e.g. `appellant.name` or `items.0` */
  field: string;
  message: string;
}

/**
 * Every string and key of a request part (JSON body, query, path parameters) that breaks the text
 * rules no DTO can express, with its path under `root`. Iterative, so it is safe on any depth.
 */
export function textViolations(value: unknown, root = ''): TextViolation[] {
  const violations: TextViolation[] = [];
  const pending: Array<[unknown, string]> = [[value, root]];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) {
        violations.push({
          field: path,
          message: `${path || 'the value'} must not contain NUL characters or lone surrogates`,
        });
      }
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    for (const [key, child] of Object.entries(current)) {
      const field = path ? `${path}.${printable(key)}` : printable(key);
      if (RESERVED_KEYS.has(key)) {
        violations.push({ field, message: `property ${key} should not exist` });
      } else if (!isStorableText(key)) {
        violations.push({
          field,
          message: 'field names must not contain NUL characters or lone surrogates',
        });
      } else {
        pending.push([child, field]);
      }
    }
  }
  return violations.reverse();
}

/** the key with the characters it may not hold replaced, so the error itself is valid text */
const printable = (key: string): string => key.replace(new RegExp(UNSTORABLE, 'gu'), '\uFFFD');
