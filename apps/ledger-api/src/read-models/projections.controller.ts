import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { ProjectorService } from './projector.service';

@ApiTags('read models')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly projector: ProjectorService) {}

  @Get()
  @Roles('admin', 'auditor', 'qa-body', 'regulator', 'issuer')
  @ApiOkResponse({
    description:
      "Each projection's checkpoint and its lag behind the log's head (null where positions are no sequence), and the projector's state.",
  })
  status() {
    return this.projector.status();
  }
}
