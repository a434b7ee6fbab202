import type { StatusPosition } from '@credence/domain';
import { defineProjection } from '../projection';

/**
 * A credential's places in its issuer's status lists and whether each bit is set. Revocation is
 * for good; suspension is set and cleared. The lists are built from these rows at read time.
 */
export type StatusEntryDoc = Readonly<{
  credentialId: string;
  issuerId: string;
  /** Usually one per purpose; a credential id whose first issuance was refused may hold more (all unset until it is revoked). */
  positions: readonly StatusPosition[];
  revoked: boolean;
  suspended: boolean;
}>;

const blank = (credentialId: string, issuerId: string): StatusEntryDoc => ({
  credentialId,
  issuerId,
  positions: [],
  revoked: false,
  suspended: false,
});

/** The doc with each position it does not hold yet: a redelivered claim changes nothing. */
const withPositions = (doc: StatusEntryDoc, claimed: readonly StatusPosition[]): StatusEntryDoc => {
  const fresh = claimed.filter(
    (c) => !doc.positions.some((p) => p.purpose === c.purpose && p.list === c.list && p.index === c.index),
  );
  return fresh.length === 0 ? doc : { ...doc, positions: [...doc.positions, ...fresh] };
};

/** Status list entries, one row per credential: `GET /status-lists/...` reads the set bits from here. */
export const statusEntriesProjection = defineProjection({
  name: 'status_entries',
  canHandle: [
    'StatusIndexClaimed',
    'StatusIndexesClaimed',
    'CredentialRevoked',
    'CredentialSuspended',
    'CredentialReinstated',
  ],
  documentIds: (event) => [event.data.credentialId],
  evolve: (doc: StatusEntryDoc | null, event): StatusEntryDoc | null => {
    switch (event.type) {
      case 'StatusIndexClaimed': {
        const { credentialId, issuerId, purpose, list, index } = event.data;
        return withPositions(doc ?? blank(credentialId, issuerId), [{ purpose, list, index }]);
      }
      case 'StatusIndexesClaimed': {
        const { credentialId, issuerId, purposes, list, index } = event.data;
        const claimed = purposes.map((purpose) => ({ purpose, list, index }));
        return withPositions(doc ?? blank(credentialId, issuerId), claimed);
      }
      // A credential issued before status lists existed has no entries, so no row to change.
      case 'CredentialRevoked':
        return doc && { ...doc, revoked: true };
      case 'CredentialSuspended':
        return doc && { ...doc, suspended: true };
      case 'CredentialReinstated':
        return doc && { ...doc, suspended: false };
    }
  },
  columns: (doc) => ({
    issuer_id: doc.issuerId,
    revoked: doc.revoked ? 1 : 0,
    suspended: doc.suspended ? 1 : 0,
  }),
});
