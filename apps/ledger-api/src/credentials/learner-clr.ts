import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { buildClrCredential, type UnsignedCredential } from '@credence/credentials';
import { learnerRecord, type LearnerCredential, type LearnerStack } from '@credence/projections';
import { ReadModels } from '../read-models/read-models.service';
import { CredentialExporter, hashedLearnerId } from './credential-export';
import { PlatformIssuer } from './platform-issuer';
import { StackedCredentialExporter } from './stacked-export';

const PAGE = 200;

/**
 * A learner's record as a CLR 2.0 `ClrCredential`, issued by the deployment: every credential
 * and stacked credential the reader may see, embedded as its signed OB 3.0 export (the cached one),
 * and an `isParentOf` association from each stack's pathway to its components' achievements.
 */
@Injectable()
export class LearnerClrExporter {
  constructor(
    private readonly readModels: ReadModels,
    private readonly credentials: CredentialExporter,
    private readonly stacks: StackedCredentialExporter,
    private readonly platform: PlatformIssuer,
  ) {}

  /** The unsigned CLR; 404 when the reader sees nothing of the learner. `issuerId` limits it to one issuer's records. */
  async clr(learnerId: string, issuerId: string | undefined): Promise<UnsignedCredential> {
    const { items, stacks } = await this.wholeRecord(learnerId, issuerId);
    const signedCredentials = await Promise.all(
      items.map(
        async ({ credentialId }) =>
          (await this.credentials.signed(await this.credentials.issued(credentialId))).json,
      ),
    );
    const signedStacks = await Promise.all(
      stacks.map(async ({ stackId }) => (await this.stacks.signed(await this.stacks.awarded(stackId))).json),
    );
    const clrId = randomUUID();
    return buildClrCredential({
      clrId,
      issuer: this.platform.profile,
      name: 'Comprehensive learner record',
      validFrom: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      learner: hashedLearnerId(learnerId, clrId),
      credentials: [...signedCredentials, ...signedStacks],
      stacks: stacks.map((stack) => ({
        stackCredentialId: `urn:uuid:${stack.stackId}`,
        componentCredentialIds: stack.components.map(({ credentialId }) => `urn:uuid:${credentialId}`),
      })),
      partial: issuerId !== undefined,
    });
  }

  /** Every page of the read model's record: a CLR is the whole record, not one page. */
  private async wholeRecord(learnerId: string, issuerId: string | undefined) {
    const items: LearnerCredential[] = [];
    let stacks: readonly LearnerStack[];
    let cursor: string | undefined;
    do {
      const record = await learnerRecord(this.readModels.db, learnerId, {
        limit: PAGE,
        cursor,
        issuerId,
        nowMs: Date.now(),
      });
      if (!record) throw new NotFoundException(`No credentials of learner ${learnerId}`);
      items.push(...record.items);
      stacks = record.stacks;
      cursor = record.next ?? undefined;
    } while (cursor);
    return { items, stacks };
  }
}
