import { ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { fieldErrors } from './field-errors';
import { RequestValidationError } from './problem';

/** How every request body is validated: the global pipe and each row of a batch use the same rules. */
export const VALIDATOR_OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true };

/** class-validator's nested errors as flat `{field: 'learner.id', messages}` entries. */
export const fieldErrorsOf = fieldErrors;

/** The global pipe: a body of the wrong shape becomes 400 `request.invalid` with the fields at fault. */
export const requestValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => new RequestValidationError(fieldErrorsOf(errors)),
  });
