import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assessmentDecider,
  credentialDecider,
  type CredentialCommand,
  issuerDecider,
  type RevocationReason,
  specificationDecider,
  streamId,
  type SuspensionReason,
} from '@credence/domain';
import { Ledger } from '@credence/ledger';
import type { CommandContext } from '../../http/command-context';
import type { Outcome } from '../../http/responses';
import type { IssueCredentialDto } from './credentials.dto';

export class IssueCredentialCommand extends Command<Outcome> {
  constructor(readonly body: IssueCredentialDto, readonly ctx: CommandContext) {
    super();
  }
}

export type CredentialChange =
  | { type: 'SuspendCredential'; reason: string; note?: string }
  | { type: 'ReinstateCredential'; note?: string }
  | { type: 'RevokeCredential'; reason: string; note?: string };

export class ChangeCredentialCommand extends Command<Outcome> {
  constructor(readonly credentialId: string, readonly change: CredentialChange, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(IssueCredentialCommand)
export class IssueCredentialHandler implements ICommandHandler<IssueCredentialCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ body, ctx }: IssueCredentialCommand): Promise<Outcome> {
    const [{ state: specification }, { state: issuer }, assessments] = await Promise.all([
      this.ledger.load(specificationDecider, streamId('specification', body.specificationId)),
      this.ledger.load(issuerDecider, streamId('issuer', ctx.metadata.issuerId ?? '')),
      this.ledger.loadMany(assessmentDecider, body.assessmentIds.map((id) => streamId('assessment', id))),
    ]);
    const credentialId = ctx.newId;
    const command: CredentialCommand = {
      type: 'IssueCredential',
      data: { ...body, credentialId, context: { specification, assessments, issuer } },
      metadata: ctx.metadata,
    };
    const stream = streamId('credential', credentialId);
    return { id: credentialId, result: await this.ledger.execute(credentialDecider, stream, command, ctx) };
  }
}

/** Reason codes pass through as given: the ruleset and the decider refuse unknown ones. */
@CommandHandler(ChangeCredentialCommand)
export class ChangeCredentialHandler implements ICommandHandler<ChangeCredentialCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ credentialId, change, ctx }: ChangeCredentialCommand): Promise<Outcome> {
    const { type, ...rest } = change;
    const data = { credentialId, ...rest } as { credentialId: string; reason: SuspensionReason & RevocationReason };
    const command = { type, data, metadata: ctx.metadata } as CredentialCommand;
    const stream = streamId('credential', credentialId);
    return { id: credentialId, result: await this.ledger.execute(credentialDecider, stream, command, ctx) };
  }
}
