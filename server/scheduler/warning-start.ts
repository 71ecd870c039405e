/**
 * The moment a running limit turns yellow, worked out once when its clock starts, so the
 * scheduler can find every limit that turned yellow with one indexed comparison in SQL.
 */
import { warningWindowMs, type RunningDeadline, type WarningThreshold, type WorkingCalendar } from '../workflow/working-calendar';

/**
 * Returns the first instant at which `calendar.deadlineStatus(deadline, instant, threshold)`
 * is at least yellow: the earliest moment whose remaining working time is at most
 * `warningWindowMs`. Remaining working time only falls as time passes, so a binary search over
 * milliseconds finds it. Returns `startedAt` only when the limit is yellow from the start, which
 * happens when the threshold's share is 1 or the due date is not after the start.
 */
export function warningStartsAt(calendar: WorkingCalendar, deadline: RunningDeadline, threshold: WarningThreshold): Date {
  const total = calendar.workingTimeBetween(deadline.startedAt, deadline.dueAt, deadline.unit);
  const warningMs = warningWindowMs(total, deadline.unit, threshold);
  const remainingAt = (instant: number) => calendar.workingTimeBetween(new Date(instant), deadline.dueAt, deadline.unit);

  let low = deadline.startedAt.getTime();
  let high = deadline.dueAt.getTime();
  if (high <= low || remainingAt(low) <= warningMs) return new Date(low);

  // Invariant: remainingAt(low) > warningMs and remainingAt(high) <= warningMs.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (remainingAt(middle) <= warningMs) high = middle;
    else low = middle;
  }
  // Whole seconds read better on screens and in SQL; a warning up to a second late does no harm.
  return new Date(Math.min(Math.ceil(high / 1000) * 1000, deadline.dueAt.getTime()));
}
