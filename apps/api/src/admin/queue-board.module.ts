import { Module, type DynamicModule } from '@nestjs/common';
import { QueueBoardController } from './queue-board.controller';
import { QUEUE_BOARD_PREFIX, QueueBoard } from './queue-board';

/** GET /admin/queues: Bull Board, for admins. Only with REDIS_URL (else there are no queues). */
@Module({})
export class QueueBoardModule {
  /** prefix: the BullMQ key prefix of the queues (tests use their own) */
  static forRoot(prefix = 'recourse'): DynamicModule {
    return {
      module: QueueBoardModule,
      controllers: [QueueBoardController],
      providers: [QueueBoard, { provide: QUEUE_BOARD_PREFIX, useValue: prefix }],
    };
  }
}
