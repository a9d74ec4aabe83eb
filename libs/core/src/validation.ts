import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { badInput, type FieldError } from './errors';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

function flatten(errors: ValidationError[], prefix: string, out: FieldError[]): void {
  for (const e of errors) {
    const path = Array.isArray(e) ? prefix : prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ path, message: humanise(message, e.property) });
    if (e.children?.length) flatten(e.children, path, out);
  }
}

/** class-validator's default messages start with the property name; make them read as a sentence. */
function humanise(message: string, property: string): string {
  const m = message.startsWith(property) ? `${splitCamel(property)}${message.slice(property.length)}` : message;
  const sentence = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function splitCamel(s: string): string {
  return s.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Validates every GraphQL argument that is a class-validator DTO. Unlike Nest's stock
 * pipe it knows the argument's name, so field paths read `input.email`, and it answers
 * BAD_USER_INPUT in the shape DESIGN.md §6 gives.
 */
@Injectable()
export class DtoValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type === 'custom') return value;
    if (!metatype || PRIMITIVES.has(metatype) || value === null || value === undefined) return value;
    if (typeof value !== 'object') return value;
    const instance = plainToInstance(metatype as new () => object, value) as object;
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
    if (errors.length) {
      const fields: FieldError[] = [];
      // @Args() without a name spreads its fields at the top level; @Args('input') nests them.
      flatten(errors, metadata.data ?? '', fields);
      throw badInput(fields);
    }
    return instance;
  }
}
