import type { SpecificationContent } from '@credence/domain';
import { defineProjection } from '../projection';

export type SpecificationDoc = SpecificationContent &
  Readonly<{
    specificationId: string;
    issuerId: string;
    publishedAt: string;
    retired: boolean;
    retiredAt: string | null;
  }>;

/** The credential register: every specification with its Annex I elements, as published. */
export const specificationsProjection = defineProjection({
  name: 'specifications',
  canHandle: ['SpecificationPublished', 'SpecificationRetired'],
  documentIds: (event) => [event.data.specificationId],
  evolve: (doc: SpecificationDoc | null, event): SpecificationDoc | null => {
    switch (event.type) {
      case 'SpecificationPublished':
        return doc ?? { ...event.data, publishedAt: event.metadata.now, retired: false, retiredAt: null };
      case 'SpecificationRetired':
        return doc && { ...doc, retired: true, retiredAt: event.metadata.now };
    }
  },
  columns: (doc) => ({
    issuer_id: doc.issuerId,
    title: doc.title,
    eqf_level: doc.eqfLevel ?? null,
    ects: doc.notionalWorkload?.ects ?? null,
    hours: doc.notionalWorkload?.hours ?? null,
    type_of_assessment: doc.typeOfAssessment ?? null,
    form_of_participation: doc.formOfParticipation ?? null,
    type_of_quality_assurance: doc.typeOfQualityAssurance ?? null,
    supervision_and_identity_verification: doc.supervisionAndIdentityVerification ?? null,
    retired: doc.retired ? 1 : 0,
  }),
});
