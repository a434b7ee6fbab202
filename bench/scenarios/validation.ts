import type { Paramtype } from '@nestjs/common';
import { Bench } from 'tinybench';
import { classValidatorPipe, requestValidationPipe } from '../../apps/ledger-api/src/http/validation';
import { StatusAtQueryDto } from '../../apps/ledger-api/src/read-models/read-models.dto';
import { RecordAssessmentDto } from '../../apps/ledger-api/src/resources/assessments/assessments.dto';
import { IssueCredentialDto } from '../../apps/ledger-api/src/resources/credentials/credentials.dto';
import { type Figure, measured } from '../harness/figure';
import type { Scenario, ScenarioContext } from '../harness/scenario';
import { perSecond } from '../harness/tinybench';

const SCENARIO = '2. Request validation (in process)';
const ROUNDS = 3;

type Case = Readonly<{ what: string; type: Paramtype; metatype: new () => object; value: object }>;

const ISSUE = {
  specificationId: 'spec-1',
  learnerId: 'lrn-7f3a9c',
  assessmentIds: ['asm-1'],
  validFrom: '2026-11-21T00:00:00Z',
};

const CASES: readonly Case[] = [
  { what: 'POST /v1/credentials body', type: 'body', metatype: IssueCredentialDto, value: ISSUE },
  {
    what: 'POST /v1/assessments body (nested)',
    type: 'body',
    metatype: RecordAssessmentDto,
    value: {
      specificationId: 'spec-1',
      learner: { id: 'lrn-7f3a9c' },
      result: { outcome: 'pass', grade: '8.5' },
      assessor: 'Dr. A',
      method: 'written exam',
      assessedAt: '2026-11-20T10:00:00Z',
      evidence: ['https://e.example/1'],
    },
  },
  {
    what: 'GET /v1/credentials/{id}/status?at= query',
    type: 'query',
    metatype: StatusAtQueryDto,
    value: { at: '2027-03-01T12:00:00Z' },
  },
  {
    what: 'POST /v1/credentials body with an error (400)',
    type: 'body',
    metatype: IssueCredentialDto,
    value: { ...ISSUE, validFrom: '2026-02-30T00:00:00Z' },
  },
];

/** Each pipe gets a fresh copy, as each request brings its own parsed body; a 400 is caught. */
const validating = (pipe: ReturnType<typeof requestValidationPipe>, { type, metatype, value }: Case) => {
  return async () => {
    try {
      await pipe.transform(structuredClone(value), { type, metatype });
    } catch {
      // the 400 case: its cost is the figure
    }
  };
};

/**
 * The global pipe with the compiled validation plan beside Nest's ValidationPipe running
 * class-validator on every value (the pipe before issue 20 item 4), in one thread.
 */
const run = async (context: ScenarioContext): Promise<Figure[]> => {
  const [compiled, reference] = [requestValidationPipe(), classValidatorPipe()];
  const time = context.sizes.rules.seconds * 1000;
  const figures: Figure[] = [];
  for (const entry of CASES) {
    // tinybench runs one task after the other: rounds take turns, and each pipe keeps its best.
    const best = { compiled: 0, reference: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      const bench = new Bench({ time, warmupTime: Math.min(500, time / 4) });
      bench.add('compiled', validating(compiled, entry)).add('reference', validating(reference, entry));
      await bench.run();
      best.compiled = Math.max(best.compiled, perSecond(bench, 'compiled'));
      best.reference = Math.max(best.reference, perSecond(bench, 'reference'));
    }
    figures.push(
      measured({
        scenario: SCENARIO,
        figure: `${entry.what}, validations/s`,
        value: best.compiled,
        unit: 'validations/s',
        baseline: { name: 'ValidationPipe, class-validator', value: best.reference },
        conditions: {
          dto: entry.metatype.name,
          work: 'plainToInstance, then the compiled plan (class-validator writes the errors of a 400)',
          harness: 'tinybench, one thread',
          seconds: context.sizes.rules.seconds,
          rounds: `${ROUNDS}, best of each`,
        },
      }),
    );
  }
  return figures;
};

export const validationScenario: Scenario = { ids: ['2'], title: SCENARIO, run };
