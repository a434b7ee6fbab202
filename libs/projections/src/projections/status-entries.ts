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

/** Status list entries, one row per credential: `GET /status-lists/...` reads the set bits from here. */
export const statusEntriesProjection = defineProjection({
  name: 'status_entries',
  canHandle: ['StatusIndexClaimed', 'CredentialRevoked', 'CredentialSuspended', 'CredentialReinstated'],
  documentIds: (event) => [event.data.credentialId],
  evolve: (doc: StatusEntryDoc | null, event): StatusEntryDoc | null => {
    switch (event.type) {
      case 'StatusIndexClaimed': {
        const { credentialId, issuerId, purpose, list, index } = event.data;
        const current = doc ?? blank(credentialId, issuerId);
        const known = current.positions.some(
          (p) => p.purpose === purpose && p.list === list && p.index === index,
        );
        return known ? current : { ...current, positions: [...current.positions, { purpose, list, index }] };
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
