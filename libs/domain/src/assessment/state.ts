import type { AssessmentEvent, AssessmentRecorded } from './events';

/** Annulled keeps the record so a credential's refusal can say which assessment was annulled. */
export type AssessmentState =
  | Readonly<{ status: 'absent' }>
  | (AssessmentRecorded['data'] & Readonly<{ status: 'recorded' | 'annulled' }>);

export const initialAssessmentState = (): AssessmentState => ({ status: 'absent' });

export const evolveAssessment = (
  state: AssessmentState,
  { type, data }: AssessmentEvent,
): AssessmentState => {
  switch (type) {
    case 'AssessmentRecorded':
      return { status: 'recorded', ...data };
    case 'AssessmentAnnulled':
      return state.status === 'absent' ? state : { ...state, status: 'annulled' };
  }
};
