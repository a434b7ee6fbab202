import { Param, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from './problem';

const ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Path ids become stream names, so anything outside a plain id alphabet is refused up front. */
class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!ID.test(value))
      throw new RequestValidationError([{ field: this.name, messages: [`${this.name} is not a valid id`] }]);
    return value;
  }
}

export const IdParam = (name = 'id') => Param(name, new IdPipe(name));
