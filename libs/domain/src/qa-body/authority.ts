import { type CommandMetadata, invalid, notFound } from '../core';
import { assertContextFor, forbidden } from '../guards';
import type { Accreditation, IssuerState } from '../issuer/state';
import type { QaBodyState } from './state';

/**
 * What a QA body may do is bound to the principal's `qaBodyId`, never to free text: it grants
 * accreditations in its own name, acts only on the accreditations it granted, and acts on
 * credentials only of issuers it accredits or has accredited. Admin and the system pass.
 */

type Registered = Extract<QaBodyState, { status: 'registered' }>;

/** The QA body the acting principal is bound to; `context` is its state, resolved by the application. */
export const actingQaBody = (metadata: CommandMetadata, context: QaBodyState): Registered => {
  const { principal } = metadata;
  if (principal.role !== 'qa-body' || !principal.qaBodyId) {
    throw forbidden('qa-body.binding-required', 'Only a principal bound to a QA body may do this', {
      principalRole: principal.role,
    });
  }
  if (context.status !== 'registered')
    throw notFound('qa-body.not-found', `QA body ${principal.qaBodyId} is not registered`);
  assertContextFor('qa-body', principal.qaBodyId, context.qaBodyId);
  return context;
};

/** A `qaBody` named in a request must be the acting body itself (by id or name). */
export const assertNamesActingBody = (named: string | undefined, acting: Registered): void => {
  if (named === undefined || named === acting.qaBodyId || named === acting.name) return;
  throw invalid('qa-body.not-acting-body', `qaBody ${named} is not the QA body this principal acts for`, {
    qaBody: named,
    actingQaBodyId: acting.qaBodyId,
  });
};

export const assertGrantedBy = (metadata: CommandMetadata, accreditation: Accreditation): void => {
  const { principal } = metadata;
  if (principal.role === 'admin') return;
  if (principal.role === 'qa-body' && principal.qaBodyId && principal.qaBodyId === accreditation.qaBodyId)
    return;
  throw forbidden(
    'qa-body.not-granting',
    `Accreditation ${accreditation.accreditationId} was granted by another QA body`,
    {
      accreditationId: accreditation.accreditationId,
      grantedBy: accreditation.qaBodyId,
    },
  );
};

/** A QA body acts on an issuer's credentials only if it accredits or has accredited that issuer. */
export const assertAccredits = (metadata: CommandMetadata, issuer: IssuerState): void => {
  const { principal } = metadata;
  if (principal.role !== 'qa-body') return;
  const accredits =
    issuer.status === 'registered' &&
    principal.qaBodyId !== undefined &&
    issuer.accreditations.some((a) => a.qaBodyId === principal.qaBodyId);
  if (!accredits) {
    throw forbidden('qa-body.not-accrediting', 'This QA body has never accredited the issuer', {
      issuerId: issuer.status === 'registered' ? issuer.issuerId : undefined,
      qaBodyId: principal.qaBodyId,
    });
  }
};
