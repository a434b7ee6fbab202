import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { type ValidationError, type ValidatorOptions, validateSync } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { fieldErrors } from './field-errors';
import { RequestValidationError } from './problem';
import { plainQueryInstance } from './query-instance';
import { passesValidationPlan } from './validation-plan';

/** How every request body is validated: the global pipe and each row of a batch use the same rules. */
export const VALIDATOR_OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true };

/** class-validator's nested errors as flat `{field: 'learner.id', messages}` entries. */
export const fieldErrorsOf = fieldErrors;

/**
 * class-validator's errors for a DTO instance under VALIDATOR_OPTIONS. A value the compiled plan
 * passes has none; any other value goes to class-validator, which writes every error.
 */
export const validationErrorsOf = (value: object): ValidationError[] =>
  passesValidationPlan(value) ? [] : validateSync(value, VALIDATOR_OPTIONS);

/**
 * Nest's ValidationPipe, unchanged but for three steps: validation runs the compiled plan first and
 * class-validator only when it fails; the look for binary values keeps its per-class rules across
 * requests (Nest makes a new cache per call; the rules of a class never change once it is loaded);
 * a query of plain text the plan passes is handed on as the instance class-transformer would make.
 */
class CompiledValidationPipe extends ValidationPipe {
  private readonly rulesByClass = new Map<unknown, ValidationMetadata[]>();

  /**
   * A query of text keys copied as they are (plainQueryInstance) that the plan passes: Nest's
   * transform would build the same instance, find no binary value in it and no error, and return
   * it. Anything else, and every refusal, goes through Nest's transform, so every 400 is its own.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (this.isTransformEnabled && metadata.type === 'query' && metatype && this.toValidate(metadata)) {
      const instance = plainQueryInstance(metatype, value);
      if (instance && passesValidationPlan(instance)) return instance;
    }
    return super.transform(value, metadata);
  }

  protected override findNestedBinaryValues(
    object: unknown,
    metadataCache: Map<unknown, ValidationMetadata[]> = this.rulesByClass,
  ): ValidationError[] {
    return super.findNestedBinaryValues(object, metadataCache);
  }

  protected override validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    return passesValidationPlan(object) ? [] : super.validate(object, options);
  }
}

const PIPE_OPTIONS = {
  ...VALIDATOR_OPTIONS,
  transform: true,
  exceptionFactory: (errors: ValidationError[]) => new RequestValidationError(fieldErrorsOf(errors)),
};

/** The global pipe: a body of the wrong shape becomes 400 `request.invalid` with the fields at fault. */
export const requestValidationPipe = (): ValidationPipe => new CompiledValidationPipe(PIPE_OPTIONS);

/** The same pipe without the plan, class-validator on every value: the reference it is tested and benchmarked against. */
export const classValidatorPipe = (): ValidationPipe => new ValidationPipe(PIPE_OPTIONS);
