import fc from 'fast-check';
import { verificationScenario } from '../testing/verification-scenario';
import { verifyPresentedCredential } from './verify';

/** Public verification takes anything a stranger posts: it must answer, never throw, and never verify junk. */
describe('verifyPresentedCredential on hostile input', () => {
  it('answers unverified for arbitrary JSON objects and arbitrary strings, without throwing', async () => {
    const { deps } = await verificationScenario();

    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.object(),
          fc.string(),
          fc.string().map((s) => `eyJ${s}.${s}.${s}`),
        ),
        async (presented) => {
          const answer = await verifyPresentedCredential(presented, deps);

          expect(answer.verified).toBe(false);
          expect(answer.checks[0]).toMatchObject({ id: 'proof', passed: false });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a real credential with its proof removed, or with junk in credentialStatus, is answered, not thrown', async () => {
    const { json, deps } = await verificationScenario();
    const { proof: _proof, ...unsigned } = json;

    const withoutProof = await verifyPresentedCredential(unsigned, deps);
    const junkStatus = await verifyPresentedCredential(
      {
        ...json,
        credentialStatus: [
          {
            type: 'BitstringStatusListEntry',
            statusPurpose: 'revocation',
            statusListIndex: 'x',
            statusListCredential: 42,
          },
        ],
      },
      deps,
    );

    expect(withoutProof.checks[0]).toMatchObject({ id: 'proof', passed: false });
    expect(junkStatus.checks.find((check) => check.id === 'status.revocation')?.passed).toBe(false);
  });
});
