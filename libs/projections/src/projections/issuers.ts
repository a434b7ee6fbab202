import type { AccreditationScope } from '@credence/domain';
import { defineProjection } from '../projection';

export type AccreditationChange = Readonly<{
  change: 'granted' | 'suspended' | 'reinstated' | 'withdrawn';
  /** When it was recorded (the event's `metadata.now`). */
  at: string;
  note: string | null;
  /** When it took effect, if the event says (the grant's is its validFrom); null: when recorded. */
  effectiveAt?: string | null;
}>;

export type AccreditationRecord = Readonly<{
  accreditationId: string;
  /** The granting QA body by id (null for accreditations from before QA bodies were principals) and name. */
  qaBodyId: string | null;
  qaBody: string;
  scope: AccreditationScope;
  validFrom: string;
  validUntil: string;
  status: 'active' | 'suspended' | 'withdrawn';
  history: readonly AccreditationChange[];
}>;

export type IssuerDoc = Readonly<{
  issuerId: string;
  legalName: string | null;
  country: string | null;
  registrationId: string | null;
  accreditations: readonly AccreditationRecord[];
}>;

const unregistered = (issuerId: string): IssuerDoc => ({
  issuerId,
  legalName: null,
  country: null,
  registrationId: null,
  accreditations: [],
});

const withChange = (
  doc: IssuerDoc | null,
  accreditationId: string,
  change: 'suspended' | 'reinstated' | 'withdrawn',
  at: string,
  { note, effectiveAt }: Readonly<{ note?: string; effectiveAt?: string }>,
): IssuerDoc | null =>
  doc && {
    ...doc,
    accreditations: doc.accreditations.map((a) =>
      a.accreditationId === accreditationId
        ? {
            ...a,
            status: change === 'reinstated' ? 'active' : change,
            history: [...a.history, { change, at, note: note ?? null, effectiveAt: effectiveAt ?? null }],
          }
        : a,
    ),
  };

/** Issuers and their accreditation history, for compliance reports and issuer names in the register. */
export const issuersProjection = defineProjection({
  name: 'issuers',
  canHandle: [
    'IssuerRegistered',
    'IssuerAccredited',
    'AccreditationSuspended',
    'AccreditationReinstated',
    'AccreditationWithdrawn',
  ],
  documentIds: (event) => [event.data.issuerId],
  evolve: (doc: IssuerDoc | null, event): IssuerDoc | null => {
    const at = event.metadata.now;
    switch (event.type) {
      case 'IssuerRegistered': {
        const { issuerId, legalName, country, registrationId } = event.data;
        return { ...(doc ?? unregistered(issuerId)), legalName, country, registrationId };
      }
      case 'IssuerAccredited': {
        const { issuerId: _issuerId, ...granted } = event.data;
        const base = doc ?? unregistered(event.data.issuerId);
        if (base.accreditations.some((a) => a.accreditationId === granted.accreditationId)) return base;
        const record: AccreditationRecord = {
          ...granted,
          status: 'active',
          history: [{ change: 'granted', at, note: null }],
        };
        return { ...base, accreditations: [...base.accreditations, record] };
      }
      case 'AccreditationSuspended':
        return withChange(doc, event.data.accreditationId, 'suspended', at, event.data);
      case 'AccreditationReinstated':
        return withChange(doc, event.data.accreditationId, 'reinstated', at, event.data);
      case 'AccreditationWithdrawn':
        return withChange(doc, event.data.accreditationId, 'withdrawn', at, event.data);
    }
  },
  columns: (doc) => ({ legal_name: doc.legalName, country: doc.country }),
});
