import type { Event } from '../core';

/** A quality-assurance agency, e.g. NVAO; `eqarId` is its optional id in the EQAR register. */
export type QaBodyRegistered = Event<
  'QaBodyRegistered',
  { qaBodyId: string; name: string; country: string; eqarId?: string }
>;

export type QaBodyEvent = QaBodyRegistered;
