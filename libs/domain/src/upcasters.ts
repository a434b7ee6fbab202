import type { CredenceEventType } from './events';
import type { IssuerAccredited } from './issuer/events';

/** IssuerAccredited as written in schema v1: the granting body's id only when it was a principal. */
type IssuerAccreditedV1 = Omit<IssuerAccredited['data'], 'qaBodyId'> & { qaBodyId?: string };

/**
 * Per event type, per stored schema version, the step to the next version: the event store's
 * `toDomainEvent` applies them in order up to `EVENT_SCHEMA_VERSIONS`. Pure data mappings; a step
 * never looks anything up, so an old event reads the same everywhere (ledger, replay, projections).
 */
export const EVENT_UPCASTERS = {
  IssuerAccredited: {
    // v2 always names the granting body; v1 left it out for grants from before QA bodies were principals.
    1: (data: IssuerAccreditedV1): IssuerAccredited['data'] => ({ ...data, qaBodyId: data.qaBodyId ?? null }),
  },
} satisfies Partial<Record<CredenceEventType, Readonly<Record<number, (data: never) => unknown>>>>;
