import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  credentialDecider,
  pathwayDecider,
  type PathwayCommand,
  specificationDecider,
  stackDecider,
  type StackCommand,
  streamId,
} from '@credence/domain';
import { Ledger } from '@credence/ledger';
import type { CommandContext } from '../../http/command-context';
import type { Outcome } from '../../http/responses';
import type { AwardStackedCredentialDto, PublishPathwayDto } from './pathways.dto';

export class PublishPathwayCommand extends Command<Outcome> {
  constructor(readonly body: PublishPathwayDto, readonly ctx: CommandContext) {
    super();
  }
}

export class AwardStackedCredentialCommand extends Command<Outcome> {
  constructor(readonly body: AwardStackedCredentialDto, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(PublishPathwayCommand)
export class PublishPathwayHandler implements ICommandHandler<PublishPathwayCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ body, ctx }: PublishPathwayCommand): Promise<Outcome> {
    const specs = body.components.map((id) => streamId('specification', id));
    const components = await this.ledger.loadMany(specificationDecider, specs);
    const pathwayId = ctx.newId;
    const completion = body.completion.kind === 'n-of' ? { kind: 'n-of' as const, n: body.completion.n ?? 0 } : { kind: 'all-of' as const };
    const command: PathwayCommand = {
      type: 'PublishPathway',
      data: { ...body, completion, pathwayId, context: { components } },
      metadata: ctx.metadata,
    };
    return { id: pathwayId, result: await this.ledger.execute(pathwayDecider, streamId('pathway', pathwayId), command, ctx) };
  }
}

@CommandHandler(AwardStackedCredentialCommand)
export class AwardStackedCredentialHandler implements ICommandHandler<AwardStackedCredentialCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ body, ctx }: AwardStackedCredentialCommand): Promise<Outcome> {
    const [{ state: pathway }, components] = await Promise.all([
      this.ledger.load(pathwayDecider, streamId('pathway', body.pathwayId)),
      this.ledger.loadMany(credentialDecider, body.componentCredentialIds.map((id) => streamId('credential', id))),
    ]);
    const stackId = ctx.newId;
    const command: StackCommand = {
      type: 'AwardStackedCredential',
      data: { ...body, stackId, context: { pathway, components } },
      metadata: ctx.metadata,
    };
    return { id: stackId, result: await this.ledger.execute(stackDecider, streamId('stack', stackId), command, ctx) };
  }
}
