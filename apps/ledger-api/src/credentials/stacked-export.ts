import { Injectable, NotFoundException } from '@nestjs/common';
import { buildAchievementCredential, type EvidenceInput } from '@credence/credentials';
import {
  credentialDecider,
  pathwayDecider,
  specificationDecider,
  stackDecider,
  streamId,
  type CompletionRule,
  type Principal,
  type StackState,
} from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { LedgerConfig } from '../config';
import { assertMayRead } from '../http/read-access';
import { CredentialExporter, hashedLearnerId } from './credential-export';
import type { SignedExport } from './export-cache';

export type AwardedStack = Exclude<StackState, Readonly<{ status: 'absent' }>>;

const completionText = (rule: CompletionRule, components: number) =>
  rule.kind === 'all-of' ? `all ${components} components` : `${rule.n} of the ${components} components`;

/**
 * Stacked credentials as OB 3.0 AchievementCredentials, signed and cached exactly like single
 * credentials: the achievement is the pathway, and each component credential is an `evidence[]`
 * entry whose id is the component's own export URL (the component's `urn:uuid` id is named in
 * it), so a verifier can fetch and verify every component on its own.
 */
@Injectable()
export class StackedCredentialExporter {
  constructor(
    private readonly ledger: Ledger,
    private readonly exporter: CredentialExporter,
    private readonly config: LedgerConfig,
  ) {}

  /** The stack's ledger state; 404 for an unknown id and, for an issuer, for another issuer's stack. */
  async awarded(id: string, principal?: Principal): Promise<AwardedStack> {
    const { state } = await this.ledger.load(stackDecider, streamId('stack', id));
    if (state.status === 'absent') throw new NotFoundException(`Stacked credential ${id} does not exist`);
    if (principal) assertMayRead(principal, state.issuerId, 'Stacked credential', id);
    return state;
  }

  signed(stack: AwardedStack): Promise<SignedExport> {
    return this.exporter.signedFor(stack.stackId, stack.issuerId, async ({ issuerObId, name }) => {
      const base = this.config.credentials.publicUrl.replace(/\/+$/, '');
      const { state: pathway } = await this.ledger.load(pathwayDecider, streamId('pathway', stack.pathwayId));
      const title = pathway.status === 'absent' ? stack.pathwayId : pathway.title;
      const evidence = await Promise.all(stack.componentCredentialIds.map((id) => this.evidenceOf(id, base)));
      const rule =
        pathway.status === 'absent'
          ? ''
          : ` Completion: ${completionText(pathway.completion, pathway.components.length)}, at least ${pathway.minimumEcts} ECTS.`;
      const { credential } = buildAchievementCredential({
        credential: {
          credentialId: stack.stackId,
          validFrom: stack.awardedAt,
          awardedDate: stack.awardedAt,
          learner: (await this.componentLearner(stack)) ?? hashedLearnerId(stack.learnerId, stack.stackId),
          evidence,
        },
        specification: {
          url: `${base}/v1/pathways/${encodeURIComponent(stack.pathwayId)}`,
          title,
          description: `A stacked credential: the pathway ${title}, completed by the component credentials listed as evidence.`,
          criteria: {
            narrative: `Hold the component credentials of the pathway ${title}.${rule} The components are listed as evidence, each a credential of its own.`,
          },
          notionalWorkload: { ects: stack.totalEcts },
        },
        issuer: { id: issuerObId, name },
        status: [],
      });
      return credential;
    });
  }

  /** The learner as the components identify them, so holder and verifier can match stack and parts. */
  private async componentLearner(stack: AwardedStack) {
    const [first] = stack.componentCredentialIds;
    if (!first) return undefined;
    const { state } = await this.ledger.load(credentialDecider, streamId('credential', first));
    return state.status === 'absent' ? undefined : state.learner.identity;
  }

  private async evidenceOf(credentialId: string, base: string): Promise<EvidenceInput> {
    const { state } = await this.ledger.load(credentialDecider, streamId('credential', credentialId));
    const { state: spec } =
      state.status === 'absent'
        ? { state: undefined }
        : await this.ledger.load(specificationDecider, streamId('specification', state.specificationId));
    return {
      id: `${base}/v1/credentials/${encodeURIComponent(credentialId)}/ob3`,
      name: spec && spec.status !== 'absent' ? spec.title : credentialId,
      description: `Component credential urn:uuid:${credentialId}`,
    };
  }
}
