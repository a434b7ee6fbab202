import type { AchievementCredentialInput } from '../ob3/achievement-credential';
import type { IssuerProfileInput } from '../ob3/inputs';
import { statusListEntry, statusListUrl } from '../status/status-list-credential';
import { PUBLIC_URL } from './issuer-fixture';

/** A realistic micro-credential: the README walkthrough's specification, assessment and issuance. */
export const achievementInput = (
  issuer: IssuerProfileInput,
  issuerId = 'iss-hu',
): AchievementCredentialInput => ({
  credential: {
    credentialId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    validFrom: '2026-11-21T00:00:00Z',
    validUntil: '2031-11-21T00:00:00Z',
    awardedDate: '2026-11-21T09:30:00Z',
    learner: {
      identityType: 'emailAddress',
      identityHash: 'sha256$0d7b0e2f4d5e4b0c0c2d4e0f8a1b3c5d7e9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b',
      salt: 'x1y2',
    },
    grade: '8.5',
    evidence: ['https://lms.example.org/submissions/991'],
  },
  specification: {
    url: `${PUBLIC_URL}/v1/specifications/spec-data-literacy`,
    title: 'Data literacy for policy makers',
    description: 'Reading, questioning and presenting quantitative evidence in public policy.',
    learningOutcomes: [
      'Interpret descriptive statistics in policy documents',
      {
        text: 'Use spreadsheet software',
        escoUri: 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be',
      },
    ],
    typeOfAssessment: 'project',
    language: 'en',
    notionalWorkload: { ects: 5, hours: 140 },
    eqfLevel: 6,
  },
  issuer,
  status: [
    statusListEntry(statusListUrl(PUBLIC_URL, issuerId, 'revocation', 0), 'revocation', 94_567),
    statusListEntry(statusListUrl(PUBLIC_URL, issuerId, 'suspension', 0), 'suspension', 23_011),
  ],
});
