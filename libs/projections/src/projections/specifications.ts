import type { SpecificationContent, SpecificationRevised } from '@credence/domain';
import { defineProjection } from '../projection';

/** One version's content as published or revised, and when. */
export type SpecificationVersion = SpecificationContent & Readonly<{ version: number; publishedAt: string }>;

export type SpecificationDoc = SpecificationContent &
  Readonly<{
    specificationId: string;
    issuerId: string;
    publishedAt: string;
    retired: boolean;
    retiredAt: string | null;
    /** The current version (1 until revised); absent on documents projected before revisions. */
    version?: number;
    /** Every version in order, each with its full content, so a comparison can pin one. */
    versions?: readonly SpecificationVersion[];
  }>;

const contentOf = ({
  specificationId: _s,
  issuerId: _i,
  version: _v,
  ...content
}: SpecificationRevised['data']): SpecificationContent => content;

/** The credential register: every specification with its Annex I elements, current and past versions. */
export const specificationsProjection = defineProjection({
  name: 'specifications',
  canHandle: ['SpecificationPublished', 'SpecificationRevised', 'SpecificationRetired'],
  documentIds: (event) => [event.data.specificationId],
  evolve: (doc: SpecificationDoc | null, event): SpecificationDoc | null => {
    switch (event.type) {
      case 'SpecificationPublished': {
        const { specificationId: _s, issuerId: _i, ...content } = event.data;
        const publishedAt = event.metadata.now;
        return (
          doc ?? {
            ...event.data,
            publishedAt,
            retired: false,
            retiredAt: null,
            version: 1,
            versions: [{ ...content, version: 1, publishedAt }],
          }
        );
      }
      case 'SpecificationRevised': {
        const versions = doc?.versions ?? [];
        if (!doc || versions.some((v) => v.version === event.data.version)) return doc;
        const { specificationId, issuerId, publishedAt, retired, retiredAt } = doc;
        const content = contentOf(event.data);
        return {
          ...content,
          specificationId,
          issuerId,
          publishedAt,
          retired,
          retiredAt,
          version: event.data.version,
          versions: [
            ...versions,
            { ...content, version: event.data.version, publishedAt: event.metadata.now },
          ],
        };
      }
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
