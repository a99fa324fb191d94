import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { StaffController } from './staff.controller';
import { StaffDirectory } from './staff-directory';
import { StaffRecorderInterceptor } from './staff-recorder.interceptor';

/** The staff directory (who is staff of which authority), its admin endpoints, and its recorder. */
@Module({
  controllers: [StaffController],
  providers: [StaffDirectory, { provide: APP_INTERCEPTOR, useClass: StaffRecorderInterceptor }],
  exports: [StaffDirectory],
})
export class StaffModule {}
