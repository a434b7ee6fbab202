import fc from 'fast-check';
import type { CredentialInput, SpecificationInput } from '../ob3/inputs';

/** What the ledger can hold, as fast-check arbitraries: the builder's input space for property tests. */
const iso = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const text = fc.string({ minLength: 1 });

export const arbitrarySpecification: fc.Arbitrary<SpecificationInput> = fc.record({
  url: fc.webUrl(),
  title: text,
  description: optional(text),
  criteria: optional(fc.record({ narrative: text })),
  learningOutcomes: optional(fc.array(fc.oneof(text, fc.record({ text, escoUri: optional(fc.webUrl()) })))),
  typeOfAssessment: optional(text),
  language: optional(fc.constantFrom('en', 'nl', 'en-GB', 'de-AT', 'fr')),
  image: optional(fc.webUrl()),
  notionalWorkload: optional(
    fc.record({
      ects: optional(fc.double({ min: 0.5, max: 240, noNaN: true })),
      hours: optional(fc.integer({ min: 1, max: 6000 })),
    }),
  ),
  eqfLevel: optional(fc.integer({ min: 1, max: 8 })),
});

const DAY_MS = 86_400_000;

export const arbitraryCredential: fc.Arbitrary<CredentialInput> = fc
  .record({
    credentialId: fc.uuid(),
    validFrom: iso,
    // The ledger never issues a credential that ends before it starts.
    validForDays: optional(fc.integer({ min: 1, max: 36_500 })),
    awardedDate: iso,
    learner: fc.record({
      identityType: fc.constantFrom('emailAddress', 'sourcedId', 'ext:studentNumber'),
      // Upper- or lower-case hex: OB 3.0 allows both, and the DTO accepts both.
      identityHash: fc.stringMatching(/^[0-9a-fA-F]{64}$/).map((hex) => `sha256$${hex}`),
      salt: optional(fc.string()),
    }),
    grade: optional(text),
    evidence: optional(fc.array(fc.webUrl())),
  })
  .map(({ validForDays, ...credential }) => ({
    ...credential,
    validUntil:
      validForDays === undefined
        ? undefined
        : new Date(Date.parse(credential.validFrom) + validForDays * DAY_MS).toISOString(),
  }));
