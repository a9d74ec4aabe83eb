import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { ACTOR_RESOLVER, type ActorResolver, Public } from '@pbw/access';
import { Scope } from '@pbw/db';
import { CalendarService } from './calendar.service';

/**
 * GET /calendar/:token.ics: a person's calendar feed for their calendar program, which cannot
 * sign in; the secret address is the credential, and it works only while the person is active.
 */
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly ds: DataSource,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
  ) {}

  @Public()
  @Get(':file')
  async get(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const ics = await this.calendar.ics(
      token,
      (actor) => Scope.forActor(actor, this.ds),
      (userId, partnershipId) => this.actors.resolve(userId, partnershipId),
    );
    if (ics === null) {
      res.status(404).type('text/plain').send('There is no calendar feed at this address. It may have been revoked.');
      return;
    }
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.type('text/calendar; charset=utf-8').send(ics);
  }
}
