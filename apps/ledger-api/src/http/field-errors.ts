import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem';

/** class-validator's error tree as a flat list of dotted field paths, each with its messages. */
export const fieldErrors = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
