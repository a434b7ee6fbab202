import type { AssessmentEvent, AssessmentRecorded } from './events';

/**
 * Annulled keeps the record so a credential's refusal can say which assessment was annulled.
 * `credentialId` is the credential the assessment backs (its reservation), absent when it backs none.
 */
export type AssessmentState =
  | Readonly<{ status: 'absent' }>
  | (AssessmentRecorded['data'] & Readonly<{ status: 'recorded' | 'annulled'; credentialId?: string }>);

export const initialAssessmentState = (): AssessmentState => ({ status: 'absent' });

export const evolveAssessment = (state: AssessmentState, event: AssessmentEvent): AssessmentState => {
  if (event.type === 'AssessmentRecorded') return { status: 'recorded', ...event.data };
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'AssessmentAnnulled':
      return { ...state, status: 'annulled' };
    case 'AssessmentCredentialed':
      return { ...state, credentialId: event.data.credentialId };
    case 'AssessmentCredentialReleased': {
      if (state.credentialId !== event.data.credentialId) return state;
      const { credentialId: _released, ...rest } = state;
      return rest;
    }
  }
};
