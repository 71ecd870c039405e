/**
 * Admin routes of the time limits: the working-day calendar (public holidays and make-up
 * working days, per day or a whole year at once) and the site's limit settings.
 * Only admins may read or change them.
 */
import { Router } from 'express';
import {
  calendarYears,
  deleteCalendarDay,
  listCalendarDays,
  loadTimeLimitSettings,
  replaceCalendarYear,
  saveCalendarDay,
  saveTimeLimitSettings,
} from '../../../../db/repositories';
import type { ServerContext } from '../../../context';
import { allow, signedInUser } from '../../auth-middleware';
import { parseInput } from '../../validation';
import { CALENDAR_LABELS, calendarDateSchema, calendarDayBodySchema, calendarQuerySchema, calendarYearBodySchema, calendarYearSchema, TIME_LIMIT_LABELS, timeLimitSettingsDocSchema } from './schemas';

export function timeLimitsRouter(context: ServerContext): Router {
  const router = Router();
  const { db } = context;
  const logger = context.logger.child({ component: 'time-limits-admin' });

  router.get('/api/admin/calendar', allow('calendar:manage'), async (request, response) => {
    const { year } = parseInput(calendarQuerySchema, request.query, CALENDAR_LABELS);
    response.json({ days: await listCalendarDays(db, { year }), years: await calendarYears(db) });
  });

  router.put('/api/admin/calendar/years/:year', allow('calendar:manage'), async (request, response) => {
    const { year } = parseInput(calendarYearSchema, request.params, CALENDAR_LABELS);
    const { days } = parseInput(calendarYearBodySchema, request.body, CALENDAR_LABELS);
    const user = signedInUser(request);
    const saved = await replaceCalendarYear(db, year, days, user.userId);
    logger.info({ year, days: saved.length, userId: user.userId }, 'calendar year replaced');
    response.json({ days: saved, years: await calendarYears(db) });
  });

  router.put('/api/admin/calendar/:date', allow('calendar:manage'), async (request, response) => {
    const { date } = parseInput(calendarDateSchema, request.params, CALENDAR_LABELS);
    const body = parseInput(calendarDayBodySchema, request.body, CALENDAR_LABELS);
    const user = signedInUser(request);
    const saved = await saveCalendarDay(db, { date, ...body }, user.userId);
    logger.info({ date, kind: saved.kind, userId: user.userId }, 'calendar day saved');
    response.json(saved);
  });

  router.delete('/api/admin/calendar/:date', allow('calendar:manage'), async (request, response) => {
    const { date } = parseInput(calendarDateSchema, request.params, CALENDAR_LABELS);
    await deleteCalendarDay(db, date);
    logger.info({ date, userId: signedInUser(request).userId }, 'calendar day removed');
    response.status(204).end();
  });

  router.get('/api/admin/time-limits', allow('time-limits:manage'), async (_request, response) => {
    response.json(await loadTimeLimitSettings(db));
  });

  router.put('/api/admin/time-limits', allow('time-limits:manage'), async (request, response) => {
    const user = signedInUser(request);
    // The shape first, for Chinese messages on missing fields; saveTimeLimitSettings checks the limits themselves.
    parseInput(timeLimitSettingsDocSchema, request.body, TIME_LIMIT_LABELS);
    const saved = await saveTimeLimitSettings(db, request.body, user.userId);
    logger.info({ userId: user.userId }, 'time-limit settings saved');
    response.json(saved);
  });

  return router;
}
