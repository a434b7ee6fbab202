/**
 * The demo's fixed vocabulary: fictional institutions and learners, real country codes, real ISCED-F
 * 2013 field codes and EQF levels, and the public names of two real QA agencies. No real person.
 */

export const QA_BODIES = [
  { key: 'nl', name: 'NVAO', country: 'NL' },
  { key: 'at', name: 'AQ Austria', country: 'AT' },
] as const;

export type QaBodyKey = (typeof QA_BODIES)[number]['key'];

/** What happens to an issuer's accreditation after its cohorts are issued. */
export type AccreditationStory = 'active' | 'suspended-then-reinstated' | 'withdrawn';

export type IssuerProfile = Readonly<{
  legalName: string;
  country: string;
  registrationId: string;
  qaBody: QaBodyKey;
  story: AccreditationStory;
  /** Relative share of the learners. */
  weight: number;
}>;

/** Six fictional institutions in four countries; the first one hosts the pathways. */
export const ISSUERS: readonly IssuerProfile[] = [
  {
    legalName: 'Hogeschool Lindeveld',
    country: 'NL',
    registrationId: 'KVK-90000001',
    qaBody: 'nl',
    story: 'active',
    weight: 4,
  },
  {
    legalName: 'Technische Academie Noordkust',
    country: 'NL',
    registrationId: 'KVK-90000002',
    qaBody: 'nl',
    story: 'suspended-then-reinstated',
    weight: 2,
  },
  {
    legalName: 'Hogeschool Scheldeland',
    country: 'BE',
    registrationId: 'KBO-0900000003',
    qaBody: 'nl',
    story: 'active',
    weight: 2,
  },
  {
    legalName: 'Fachhochschule Alpenrand',
    country: 'AT',
    registrationId: 'FN-900004a',
    qaBody: 'at',
    story: 'active',
    weight: 3,
  },
  {
    legalName: 'Donau Weiterbildungsakademie',
    country: 'AT',
    registrationId: 'FN-900005b',
    qaBody: 'at',
    story: 'withdrawn',
    weight: 1,
  },
  {
    legalName: 'Hochschule Mittelweser',
    country: 'DE',
    registrationId: 'HRB-900006',
    qaBody: 'at',
    story: 'active',
    weight: 2,
  },
];

export type Topic = Readonly<{ title: string; fieldOfStudy: string; outcomes: readonly string[] }>;

/** Course topics with their ISCED-F 2013 detailed field and learning outcomes. */
export const TOPICS: readonly Topic[] = [
  {
    title: 'Applied Data Visualisation',
    fieldOfStudy: '0613',
    outcomes: ['Choose a fitting chart for a dataset', 'Build an interactive dashboard'],
  },
  {
    title: 'Cloud Infrastructure Basics',
    fieldOfStudy: '0612',
    outcomes: ['Provision virtual machines and networks', 'Estimate and monitor cloud costs'],
  },
  {
    title: 'Secure Web Development',
    fieldOfStudy: '0613',
    outcomes: ['Recognise the common web vulnerabilities', 'Apply input validation and output encoding'],
  },
  {
    title: 'Introduction to Machine Learning',
    fieldOfStudy: '0613',
    outcomes: ['Train and evaluate a supervised model', 'Explain overfitting and how to detect it'],
  },
  {
    title: 'Data Protection in Practice',
    fieldOfStudy: '0421',
    outcomes: ['Map personal data flows in an organisation', 'Draft a record of processing activities'],
  },
  {
    title: 'Project Management Essentials',
    fieldOfStudy: '0413',
    outcomes: ['Plan a project with milestones and risks', 'Report progress to stakeholders'],
  },
  {
    title: 'Circular Economy for SMEs',
    fieldOfStudy: '0521',
    outcomes: ['Assess material flows of a small business', 'Propose a reuse or repair scheme'],
  },
  {
    title: 'Renewable Energy Systems',
    fieldOfStudy: '0713',
    outcomes: ['Size a rooftop solar installation', 'Compare storage options for a household'],
  },
  {
    title: 'Heat Pump Installation',
    fieldOfStudy: '0732',
    outcomes: ['Select a heat pump for a building', 'Commission and hand over an installation'],
  },
  {
    title: 'Sustainable Building Retrofit',
    fieldOfStudy: '0732',
    outcomes: ['Survey the thermal envelope of a dwelling', 'Specify insulation measures'],
  },
  {
    title: 'Digital Marketing Analytics',
    fieldOfStudy: '0414',
    outcomes: ['Define campaign metrics', 'Interpret web analytics reports'],
  },
  {
    title: 'Supply Chain Resilience',
    fieldOfStudy: '0413',
    outcomes: [
      'Identify single points of failure in a supply chain',
      'Design a supplier diversification plan',
    ],
  },
  {
    title: 'Financial Literacy for Founders',
    fieldOfStudy: '0412',
    outcomes: ['Read a balance sheet and a cash-flow statement', 'Build a twelve-month budget'],
  },
  {
    title: 'Intercultural Communication',
    fieldOfStudy: '0314',
    outcomes: ['Recognise cultural dimensions in teamwork', 'Adapt a message to an international audience'],
  },
  {
    title: 'Academic Writing in English',
    fieldOfStudy: '0231',
    outcomes: ['Structure an argumentative paper', 'Cite sources consistently'],
  },
  {
    title: 'German for the Workplace',
    fieldOfStudy: '0231',
    outcomes: ['Hold a meeting in German at B2 level', 'Write formal e-mails in German'],
  },
  {
    title: 'Dutch for Healthcare Staff',
    fieldOfStudy: '0231',
    outcomes: ['Take a patient history in Dutch', 'Hand over a shift in Dutch'],
  },
  {
    title: 'Palliative Care Nursing',
    fieldOfStudy: '0913',
    outcomes: ['Assess pain and symptoms in palliative patients', 'Support families in end-of-life care'],
  },
  {
    title: 'Digital Health Records',
    fieldOfStudy: '0914',
    outcomes: ['Navigate an electronic health record', 'Apply data quality rules to clinical notes'],
  },
  {
    title: 'Mental Health First Aid',
    fieldOfStudy: '0923',
    outcomes: ['Recognise signs of a mental health crisis', 'Refer a person to professional help'],
  },
  {
    title: 'Early Childhood Pedagogy',
    fieldOfStudy: '0112',
    outcomes: ['Plan play-based learning activities', 'Observe and document child development'],
  },
  {
    title: 'Inclusive Classroom Practice',
    fieldOfStudy: '0111',
    outcomes: ['Differentiate instruction for diverse learners', 'Design accessible learning materials'],
  },
  {
    title: 'Blended Learning Design',
    fieldOfStudy: '0111',
    outcomes: ['Design a blended course module', 'Select fitting digital tools for activities'],
  },
  {
    title: 'Precision Agriculture',
    fieldOfStudy: '0811',
    outcomes: ['Interpret yield and soil sensor maps', 'Plan variable-rate fertilisation'],
  },
  {
    title: 'Food Safety Management',
    fieldOfStudy: '0721',
    outcomes: ['Set up a HACCP plan', 'Audit hygiene procedures in a kitchen'],
  },
  {
    title: 'Water Quality Monitoring',
    fieldOfStudy: '0522',
    outcomes: ['Sample surface water correctly', 'Interpret chemical and biological indicators'],
  },
  {
    title: 'Industrial Automation with PLCs',
    fieldOfStudy: '0714',
    outcomes: ['Program a PLC sequence', 'Troubleshoot a sensor and actuator loop'],
  },
  {
    title: 'Additive Manufacturing',
    fieldOfStudy: '0715',
    outcomes: ['Prepare a part for 3D printing', 'Choose a material and process for a part'],
  },
  {
    title: 'Electric Vehicle Maintenance',
    fieldOfStudy: '0716',
    outcomes: ['Work safely on high-voltage systems', 'Diagnose battery management faults'],
  },
  {
    title: 'Logistics Process Optimisation',
    fieldOfStudy: '1041',
    outcomes: ['Model a warehouse picking process', 'Reduce lead times with lean methods'],
  },
  {
    title: 'Tourism Destination Management',
    fieldOfStudy: '1015',
    outcomes: ['Analyse visitor flows of a destination', 'Develop a sustainable tourism offer'],
  },
  {
    title: 'Social Media Law',
    fieldOfStudy: '0421',
    outcomes: ['Assess copyright questions in online content', 'Apply platform liability rules'],
  },
  {
    title: 'Public Procurement Basics',
    fieldOfStudy: '0413',
    outcomes: ['Choose a procurement procedure', 'Write award criteria for a tender'],
  },
  {
    title: 'User Experience Research',
    fieldOfStudy: '0211',
    outcomes: ['Plan and run usability tests', 'Turn findings into design recommendations'],
  },
  {
    title: 'Geographic Information Systems',
    fieldOfStudy: '0532',
    outcomes: ['Build a map from open geodata', 'Run a spatial analysis'],
  },
  {
    title: 'Cybersecurity Awareness',
    fieldOfStudy: '0612',
    outcomes: ['Recognise phishing and social engineering', 'Apply a password and update policy'],
  },
  {
    title: 'Welding Inspection',
    fieldOfStudy: '0715',
    outcomes: ['Inspect welds visually against a standard', 'Record non-conformities in a report'],
  },
  {
    title: 'Customer Service Excellence',
    fieldOfStudy: '0416',
    outcomes: ['Handle a complaint to resolution', 'Measure customer satisfaction'],
  },
  {
    title: 'Agile Software Teams',
    fieldOfStudy: '0613',
    outcomes: ['Run a sprint planning and review', 'Write user stories with acceptance criteria'],
  },
  {
    title: 'Statistics with R',
    fieldOfStudy: '0542',
    outcomes: ['Clean and summarise a dataset in R', 'Fit and interpret a linear regression'],
  },
];

export const TYPES_OF_ASSESSMENT = [
  'exam',
  'written-exam',
  'project',
  'portfolio',
  'practical-demonstration',
  'online-test',
];
export const FORMS_OF_PARTICIPATION = ['online', 'onsite', 'blended'];
export const TYPES_OF_QUALITY_ASSURANCE = [
  'external accreditation',
  'external-evaluation',
  'internal-quality-assurance',
];
export const IDENTITY_VERIFIED = [
  'supervised-online-with-identity-verification',
  'supervised-onsite-with-identity-verification',
];
export const SUPERVISION_UP_TO_EQF5 = [
  'unsupervised',
  'supervised-no-identity-verification',
  ...IDENTITY_VERIFIED,
];

export const GIVEN_NAMES = [
  'Anouk',
  'Bram',
  'Chiara',
  'Daan',
  'Elif',
  'Finn',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Katja',
  'Lars',
  'Mila',
  'Noah',
  'Olga',
  'Pieter',
  'Rosa',
  'Sem',
  'Tess',
  'Ugo',
  'Vera',
  'Wout',
  'Yara',
  'Zeno',
];
export const FAMILY_NAMES = [
  'Akkerman',
  'Brandl',
  'Claes',
  'Dekker',
  'Eder',
  'Fuchs',
  'Gruber',
  'Hendriks',
  'Jansen',
  'Kofler',
  'Lambrecht',
  'Maes',
  'Nowak',
  'Oberhuber',
  'Peeters',
  'Quast',
  'Reiter',
  'Smit',
  'Teunissen',
  'Unger',
  'Visser',
  'Wagner',
  'Zimmermann',
];

export const ASSESSORS = [
  'Dr. M. Verbeek',
  'Mag. S. Huber',
  'Ir. L. Claessens',
  'Prof. K. Brandstätter',
  'Drs. T. Bakker',
  'Dipl.-Ing. R. Lenz',
];
