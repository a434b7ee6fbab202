import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { invalid, issuerDecider, specificationDecider, type SpecificationCommand, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import type { CommandContext } from '../../http/command-context';
import type { Outcome } from '../../http/responses';
import type { PublishSpecificationDto } from './specifications.dto';

export class PublishSpecificationCommand extends Command<Outcome> {
  constructor(readonly body: PublishSpecificationDto, readonly ctx: CommandContext) {
    super();
  }
}

export class RetireSpecificationCommand extends Command<Outcome> {
  constructor(readonly specificationId: string, readonly note: string | undefined, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(PublishSpecificationCommand)
export class PublishSpecificationHandler implements ICommandHandler<PublishSpecificationCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ body, ctx }: PublishSpecificationCommand): Promise<Outcome> {
    const issuerId = ctx.metadata.issuerId;
    if (!issuerId) throw invalid('command.issuer-required', 'Only an issuer principal publishes specifications');
    const { state: issuer } = await this.ledger.load(issuerDecider, streamId('issuer', issuerId));
    const specificationId = ctx.newId;
    const command: SpecificationCommand = {
      type: 'PublishSpecification',
      data: { ...body, specificationId, context: { issuer } },
      metadata: ctx.metadata,
    };
    const stream = streamId('specification', specificationId);
    return { id: specificationId, result: await this.ledger.execute(specificationDecider, stream, command, ctx) };
  }
}

@CommandHandler(RetireSpecificationCommand)
export class RetireSpecificationHandler implements ICommandHandler<RetireSpecificationCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ specificationId, note, ctx }: RetireSpecificationCommand): Promise<Outcome> {
    const command: SpecificationCommand = {
      type: 'RetireSpecification',
      data: { specificationId, ...(note === undefined ? {} : { note }) },
      metadata: ctx.metadata,
    };
    const stream = streamId('specification', specificationId);
    return { id: specificationId, result: await this.ledger.execute(specificationDecider, stream, command, ctx) };
  }
}
