import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type Actor, addDays, londonToday, unauthenticated } from '@pbw/core';
import { MutationRunner } from '@pbw/audit';
import { type Scope } from '@pbw/db';
import { PartnershipRepository, hashToken, newToken } from '@pbw/identity';
import { CalendarFeedLookupRepository, CalendarFeedRepository, CalendarRepository } from './calendar.repository';
import type { CalendarFeedType } from './reminder-rules.dto';
import { renderCalendar } from './ical';

/** How far back the feed reaches, so last month's meeting is still there to look back on. */
const LOOK_BACK_DAYS = 90;

/**
 * Each person's calendar feed at a secret address: board meetings, report deadlines and their own
 * actions' due dates. Only the token's hash is kept, so the address is shown once; making a new
 * one, or revoking, stops the old address at once.
 */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mutations: MutationRunner,
    private readonly feeds: CalendarFeedRepository,
    private readonly lookup: CalendarFeedLookupRepository,
    private readonly calendar: CalendarRepository,
    private readonly partnerships: PartnershipRepository,
  ) {}

  private me(scope: Scope): string {
    if (!scope.actor.userId) throw unauthenticated();
    return scope.actor.userId;
  }

  async feed(scope: Scope): Promise<CalendarFeedType | null> {
    const f = await this.feeds.live(scope, this.me(scope));
    return f ? { createdAt: f.createdAt, lastUsedAt: f.lastUsedAt, url: null } : null;
  }

  /** A new secret address; any earlier one stops working. */
  create(scope: Scope): Promise<CalendarFeedType> {
    const userId = this.me(scope);
    return this.mutations.run(scope, 'calendarFeed.create', async (tx) => {
      const old = await this.feeds.lockLive(tx, userId);
      if (old) {
        old.revokedAt = new Date();
        await this.feeds.save(tx, old);
      }
      const token = newToken();
      const f = await this.feeds.insert(tx, { userId, tokenHash: hashToken(token), revokedAt: null, lastUsedAt: null });
      return {
        result: { createdAt: f.createdAt, lastUsedAt: null, url: `${this.config.publicUrl.replace(/\/$/, '')}/calendar/${token}.ics` },
        audit: { entityType: 'User', entityId: userId, before: { calendarFeed: old ? 'live' : null }, after: { calendarFeed: 'new' } },
      };
    });
  }

  revoke(scope: Scope): Promise<boolean> {
    const userId = this.me(scope);
    return this.mutations.run(scope, 'calendarFeed.revoke', async (tx) => {
      const old = await this.feeds.lockLive(tx, userId);
      if (!old) return { result: false, audit: [], allowNoChange: true };
      old.revokedAt = new Date();
      await this.feeds.save(tx, old);
      return {
        result: true,
        audit: { entityType: 'User', entityId: userId, before: { calendarFeed: 'live' }, after: { calendarFeed: null } },
      };
    });
  }

  /** The feed behind a secret address, as iCalendar text; null when there is no such live feed. */
  async ics(
    token: string,
    scopeFor: (actor: Actor) => Scope,
    actorOf: (userId: string, partnershipId: string) => Promise<Actor | null>,
  ): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const feed = await this.lookup.byTokenHash(hashToken(token));
    const actor = feed ? await actorOf(feed.userId, feed.partnershipId) : null;
    if (!feed || !actor) return null;
    const scope = scopeFor(actor);
    const [rows, partnership] = await Promise.all([
      this.calendar.rows(scope, feed.userId, addDays(londonToday(), -LOOK_BACK_DAYS)),
      this.partnerships.current(scope),
    ]);
    const base = this.config.publicUrl.replace(/\/$/, '');
    const host = new URL(base).host;
    return renderCalendar(`${partnership?.name ?? 'Partnership'} board`, [
      ...rows.meetings.map((m) => ({
        uid: `meeting-${m.id}@${host}`,
        summary: m.title,
        start: new Date(m.startsAt),
        location: m.location,
        url: `${base}/meetings/${m.id}`,
      })),
      ...rows.meetings
        .filter((m) => m.status === 'PLANNED')
        .map((m) => ({
          uid: `report-deadline-${m.id}@${host}`,
          summary: `Highlight reports due: ${m.title}`,
          day: m.reportDeadline,
          url: `${base}/meetings/${m.id}`,
        })),
      ...rows.actions.map((a) => ({
        uid: `action-${a.id}@${host}`,
        summary: `Action due: ${a.title}`,
        day: a.dueDate,
        url: `${base}/actions/${a.id}`,
      })),
    ]);
  }
}
