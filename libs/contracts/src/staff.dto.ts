import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_ID } from './limits';
import { VisibleText } from './text-rules';

export const STAFF_MEMBER_ROLES = ['caseworker', 'supervisor'] as const;

/** Body of PUT /v1/staff/:staffId (admin): whose staff someone is. */
export class StaffMemberDto {
  @ApiProperty({ example: 'zhengzhou-health', maxLength: MAX_ID })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_ID)
  authorityId!: string;

  @ApiProperty({ enum: STAFF_MEMBER_ROLES })
  @IsIn(STAFF_MEMBER_ROLES)
  role!: (typeof STAFF_MEMBER_ROLES)[number];
}

/** Query of GET /v1/staff. */
export class StaffQueryDto {
  @ApiPropertyOptional({ description: "one authority's staff (a supervisor: only their own)" })
  @IsOptional()
  @IsString()
  @VisibleText()
  @MaxLength(MAX_ID)
  authorityId?: string;
}

/** One entry of the staff directory. */
export class StaffMemberViewDto {
  @ApiProperty({ description: 'user id (token sub)' })
  staffId!: string;

  @ApiProperty({ example: 'zhengzhou-health' })
  authorityId!: string;

  @ApiProperty({ enum: STAFF_MEMBER_ROLES })
  role!: (typeof STAFF_MEMBER_ROLES)[number];

  @ApiProperty({
    enum: ['token', 'admin'],
    description: 'learnt from a verified token, or recorded by an admin',
  })
  source!: 'token' | 'admin';

  @ApiProperty({ description: 'ISO instant of the last change' })
  updatedAt!: string;
}

/** Answer of GET /v1/staff. */
export class StaffListDto {
  @ApiProperty({ type: [StaffMemberViewDto] })
  items!: StaffMemberViewDto[];
}
