import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assessmentDecider, type AssessmentCommand, specificationDecider, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import type { CommandContext } from '../../http/command-context';
import type { Outcome } from '../../http/responses';
import type { RecordAssessmentDto } from './assessments.dto';

export class RecordAssessmentCommand extends Command<Outcome> {
  constructor(readonly body: RecordAssessmentDto, readonly ctx: CommandContext) {
    super();
  }
}

export class AnnulAssessmentCommand extends Command<Outcome> {
  constructor(readonly assessmentId: string, readonly note: string | undefined, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(RecordAssessmentCommand)
export class RecordAssessmentHandler implements ICommandHandler<RecordAssessmentCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ body, ctx }: RecordAssessmentCommand): Promise<Outcome> {
    const spec = streamId('specification', body.specificationId);
    const { state: specification } = await this.ledger.load(specificationDecider, spec);
    const assessmentId = ctx.newId;
    const command: AssessmentCommand = {
      type: 'RecordAssessment',
      data: { ...body, assessmentId, context: { specification } },
      metadata: ctx.metadata,
    };
    const stream = streamId('assessment', assessmentId);
    return { id: assessmentId, result: await this.ledger.execute(assessmentDecider, stream, command, ctx) };
  }
}

@CommandHandler(AnnulAssessmentCommand)
export class AnnulAssessmentHandler implements ICommandHandler<AnnulAssessmentCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ assessmentId, note, ctx }: AnnulAssessmentCommand): Promise<Outcome> {
    const command: AssessmentCommand = {
      type: 'AnnulAssessment',
      data: { assessmentId, ...(note === undefined ? {} : { note }) },
      metadata: ctx.metadata,
    };
    const stream = streamId('assessment', assessmentId);
    return { id: assessmentId, result: await this.ledger.execute(assessmentDecider, stream, command, ctx) };
  }
}
