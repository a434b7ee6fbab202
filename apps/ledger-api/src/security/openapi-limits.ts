import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Schema = Record<string, unknown> & { items?: Schema; properties?: Record<string, Schema> };

/** The OpenAPI keyword each validator states, for the value or (with `each`) for its items. */
const KEYWORDS: Record<string, (constraints: unknown[]) => Record<string, unknown>> = {
  maxLength: ([max]) => ({ maxLength: max }),
  minLength: ([min]) => ({ minLength: min }),
  max: ([max]) => ({ maximum: max }),
  min: ([min]) => ({ minimum: min }),
  matches: ([pattern]) => ({ pattern: pattern instanceof RegExp ? pattern.source : String(pattern) }),
  isISO31661Alpha2: () => ({ minLength: 2, maxLength: 2 }),
  isInstant: () => ({ format: 'date-time', maxLength: 40 }),
};
const ARRAY_KEYWORDS: Record<string, (constraints: unknown[]) => Record<string, unknown>> = {
  arrayMaxSize: ([max]) => ({ maxItems: max }),
  arrayMinSize: ([min]) => ({ minItems: min }),
};

const apply = (schema: Schema, metadata: ValidationMetadata) => {
  const name = metadata.name ?? '';
  if (ARRAY_KEYWORDS[name]) return Object.assign(schema, ARRAY_KEYWORDS[name](metadata.constraints));
  const keywords = KEYWORDS[name]?.(metadata.constraints);
  if (!keywords) return;
  // Swagger writes `[String]` as an array of strings; a per-item rule belongs on `items`.
  Object.assign(metadata.each && schema.items ? schema.items : schema, keywords);
};

/**
 * Copies the DTOs' caps (lengths, item counts, ranges, patterns) from their class-validator
 * decorators into the OpenAPI schemas of the same name, so the documented limits are the enforced
 * ones and cannot drift. class-validator keeps its metadata per class in a map it does not export
 * an iterator for, hence the one cast.
 */
export const documentValidationLimits = (document: OpenAPIObject): OpenAPIObject => {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<new () => object, ValidationMetadata[]>;
  };
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const target of storage.validationMetadatas.keys()) {
    const schema = schemas[target.name];
    if (!schema?.properties) continue;
    for (const metadata of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
      const property = schema.properties[metadata.propertyName];
      if (property) apply(property, metadata);
    }
  }
  return document;
};
