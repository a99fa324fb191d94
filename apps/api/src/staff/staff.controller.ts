import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  Param,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '@recourse/auth';
import {
  MAX_ID,
  StaffListDto,
  StaffMemberDto,
  StaffMemberViewDto,
  StaffQueryDto,
} from '@recourse/contracts';
import {
  DomainError,
  findAuthority,
  hasVisibleText,
  type Actor,
  type Policy,
} from '@recourse/domain';
import { POLICY } from '@recourse/infrastructure';
import { validationFailed } from '../validation';
import { StaffDirectory, type StaffMember } from './staff-directory';

@ApiTags('staff')
@Controller('v1/staff')
export class StaffController {
  constructor(
    private readonly directory: StaffDirectory,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  @Put(':staffId')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Record whose staff someone is, before their first call (their token's claims win later)",
  })
  @ApiOkResponse({ type: StaffMemberViewDto })
  @ApiBadRequestResponse({ description: 'invalid id or body, or an authority the policy lacks' })
  @ApiForbiddenResponse({ description: 'admins only' })
  async record(
    @Param('staffId') staffId: string,
    @Body() body: StaffMemberDto,
  ): Promise<StaffMember> {
    if (!hasVisibleText(staffId) || staffId.length > MAX_ID) {
      throw validationFailed([
        {
          field: 'staffId',
          message: `staffId must be a user id (token sub) of at most ${MAX_ID} characters`,
        },
      ]);
    }
    if (!findAuthority(this.policy, body.authorityId)) {
      throw new DomainError(
        'unknown-authority',
        `the policy has no authority "${body.authorityId}"`,
        'authorityId',
      );
    }
    return this.directory.record({ staffId, ...body });
  }

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Staff by authority (a supervisor sees their own authority only)' })
  @ApiOkResponse({ type: StaffListDto })
  @ApiForbiddenResponse({ description: "a supervisor asking for another authority's staff" })
  async list(
    @Query() query: StaffQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ items: StaffMember[] }> {
    let authorityId = query.authorityId;
    if (actor.role === 'supervisor') {
      authorityId ??= actor.authorityId;
      if (authorityId !== actor.authorityId) {
        throw new ForbiddenException(`a supervisor sees only the staff of ${actor.authorityId}`);
      }
    }
    return { items: await this.directory.list(authorityId) };
  }
}
