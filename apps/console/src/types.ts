/** The API's answers, as far as the console reads them (the OpenAPI at /docs-json has the rest). */
/*
 * Types the API's own code defines are imported from it (type-only: nothing of the server is bundled),
 * so the console and the routes cannot drift apart.
 */
import type {
  AccreditationRecord,
  IssuerDirectoryEntry,
  queryCredentialStatusAt,
} from '../../../libs/projections/src';

export type Counts = Record<string, number>;
export type Accreditation = AccreditationRecord;
export type Scope = AccreditationRecord['scope'];
export type IssuerRow = IssuerDirectoryEntry;
/** GET /v1/credentials/{id}/status */
export type CredentialStatusAt = NonNullable<Awaited<ReturnType<typeof queryCredentialStatusAt>>>;

export type RulesetStamp = Readonly<{ id: string; version: string; hash: string }>;
export type Finding = Readonly<{
  ruleId: string;
  severity: 'block' | 'warn';
  message: string;
  reference: string;
}>;

export type StoredEvent = Readonly<{
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> & {
    now?: string;
    ruleset?: RulesetStamp;
    findings?: readonly Finding[];
    principal?: { id: string; role: string };
  };
  streamId: string;
  streamVersion: number;
  globalPosition: string;
  hash?: string;
  prevHash?: string | null;
}>;

export type StreamPage = Readonly<{ streamId: string; events: readonly StoredEvent[]; more: boolean }>;

export const scopeText = (scope: Scope | undefined): string => {
  if (!scope) return '—';
  // Omitted eqfLevels is an accreditation for all levels.
  const levels = [...(scope.eqfLevels ?? [])].sort((a, b) => a - b);
  const eqf = levels.length ? `EQF ${levels.join(', ')}` : 'all EQF levels';
  return scope.fieldsOfStudy?.length ? `${eqf}; ${scope.fieldsOfStudy.join(', ')}` : eqf;
};
