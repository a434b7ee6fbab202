import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';

/** Pseudonymous ids and resource ids: no spaces, no '@', so e-mail addresses cannot slip in as ids. */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Caps sized for a real credential, with room to spare; they bound the work and the event size a
 * request can cause (a pathway with 100,000 components blocked the event loop for 24 s). The
 * OpenAPI document takes maxItems/maxLength from these validators (see security/openapi-limits.ts).
 */
export const CAPS = {
  /** Ids a command refers to: components of a pathway, assessments behind a credential. */
  ids: 50,
  /** Learning outcomes, prerequisites, evidence links, fields of study. */
  entries: 100,
  awardingBodies: 10,
  /** Every country in the world, once. */
  countries: 250,
  shortText: 200,
  longText: 2000,
  /** ECTS credits: a full master's degree is 120; nothing smaller than a degree comes near 1,000. */
  ects: 1000,
  hours: 100_000,
} as const;

/**
 * RFC 3339 date-time with a zone (`Z` or `±hh:mm`), on a real calendar day. IsISO8601 let through
 * week dates (`2026-W47`) and zone-less times, which later failed to parse or meant local time.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/i;

const readsAsInstant = (value: string): boolean => {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const sameDay =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day;
  const offsetOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return sameDay && hour <= 23 && minute <= 59 && second <= 59 && offsetOk && year >= 1900 && year <= 9999;
};

/**
 * Instants accepted lately: a read route's `at` is validated on every request, and clients ask
 * about the same instants again and again. Only accepted ones are kept (a refusal is always worked
 * out again); emptied when full, a bound and not a recency order.
 */
const acceptedInstants = new Set<string>();
export const ACCEPTED_INSTANTS_CAPACITY = 4_096;

export const isInstant = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  if (acceptedInstants.has(value)) return true;
  if (!readsAsInstant(value)) return false;
  if (acceptedInstants.size >= ACCEPTED_INSTANTS_CAPACITY) acceptedInstants.clear();
  acceptedInstants.add(value);
  return true;
};

export const IsInstant = () =>
  applyDecorators(
    ValidateBy({
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: (args) =>
          `${args?.property} must be an RFC 3339 date-time with a zone, e.g. 2026-11-21T00:00:00Z`,
      },
    }),
  );

export class NoteDto {
  @ApiPropertyOptional({ maxLength: CAPS.longText })
  @IsOptional()
  @IsString()
  @MaxLength(CAPS.longText)
  note?: string;
}

export const EFFECTIVE_AT =
  'When the change takes effect (RFC 3339): not in the future, not before the validFrom of what it changes. ' +
  'Default: when it is recorded. Status at an instant reads it; the event records it and the recording time.';

/** A status change that may take effect earlier than it is recorded (the domain checks the bounds). */
export class EffectiveChangeDto extends NoteDto {
  @ApiPropertyOptional({ format: 'date-time', description: EFFECTIVE_AT })
  @IsOptional()
  @IsInstant()
  effectiveAt?: string;
}
