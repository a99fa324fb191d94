import { All, Controller, Next, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@recourse/auth';
import { QUEUE_BOARD_PATH, QueueBoard } from './queue-board';

interface HttpRequest {
  url: string;
}

/**
 * Bull Board's pages, assets and JSON API behind the API's own guards: rate limits, a bearer
 * token with the admin role (401/403 problem+json otherwise), and the request log.
 */
@ApiExcludeController()
@Roles('admin')
@Controller(QUEUE_BOARD_PATH)
export class QueueBoardController {
  constructor(private readonly board: QueueBoard) {}

  @All(['', '{*path}'])
  serve(
    @Req() request: HttpRequest,
    @Res() response: unknown,
    @Next() next: (error?: unknown) => void,
  ): void {
    const url = request.url;
    // the board routes below its own root, as if mounted there
    request.url = url.slice(QUEUE_BOARD_PATH.length) || '/';
    this.board.handle(request, response, (error) => {
      request.url = url;
      next(error);
    });
  }
}
