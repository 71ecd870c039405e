/**
 * The escalation rule as one instant per pass, so SQL can compare every notice with it: a
 * supervision notice escalates once `workingDays` working days have passed after its due date.
 */
import { shanghaiDay, startOfShanghaiDay, type WorkingCalendar } from '../workflow/working-calendar';

const DAY_MS = 24 * 3600 * 1000;
/** A year of calendar days always contains far more than the allowed escalation limit of working days. */
const MAX_LOOKBACK_DAYS = 400;

function shiftDay(day: string, days: number): string {
  return shanghaiDay(new Date(startOfShanghaiDay(day).getTime() + days * DAY_MS + DAY_MS / 2));
}

/**
 * Returns the instant before which a due date must lie for its notice to escalate at `now`.
 * A notice due on day D escalates when `now` is past the end of the `workingDays`-th working
 * day after D. That moment depends on D alone and grows with D. So the qualifying due dates are
 * exactly those before the start of the day after the latest qualifying D.
 */
export function escalationCutoff(calendar: WorkingCalendar, now: Date, workingDays: number): Date {
  let day = shanghaiDay(now);
  for (let step = 0; step < MAX_LOOKBACK_DAYS; step += 1) {
    if (calendar.addWorkingDays(startOfShanghaiDay(day), workingDays).getTime() < now.getTime()) {
      return startOfShanghaiDay(shiftDay(day, 1));
    }
    day = shiftDay(day, -1);
  }
  return startOfShanghaiDay(day);
}
