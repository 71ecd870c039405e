/**
 * Seed data for the working-day calendar: the public holidays and make-up working days that the
 * General Office of the State Council (国务院办公厅) publishes each autumn for the next year.
 * The database seeds its calendar table from CN_CALENDAR_OVERRIDES once; after that admins edit
 * the table, and this file is not read at run time.
 *
 * NOTE: the arrangement for 2027 was not confirmed when this file was written, so 2027 is left
 * out. Admins add each new year from the notice (usually published in October or November).
 */
import type { CalendarOverride } from './working-calendar';

/** One holiday period of a notice, both ends included. */
interface HolidayPeriod {
  name: string;
  from: string;
  to: string;
}

/** The arrangement of one year, as published by the General Office of the State Council. */
export interface HolidayNotice {
  year: number;
  /** Title of the notice. */
  title: string;
  /** Document number, where confirmed. */
  documentNumber?: string;
  /** Date the notice was issued. */
  issuedOn: string;
  holidays: readonly HolidayPeriod[];
  /** Weekend days worked in exchange, with the holiday they make up for. */
  workdays: readonly { date: string; holiday: string }[];
}

export const CN_HOLIDAY_NOTICES: readonly HolidayNotice[] = [
  {
    year: 2024,
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    documentNumber: '国办发明电〔2023〕7号',
    issuedOn: '2023-10-25',
    holidays: [
      { name: '元旦', from: '2024-01-01', to: '2024-01-01' },
      { name: '春节', from: '2024-02-10', to: '2024-02-17' },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06' },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05' },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10' },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17' },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07' },
    ],
    workdays: [
      { date: '2024-02-04', holiday: '春节' },
      { date: '2024-02-18', holiday: '春节' },
      { date: '2024-04-07', holiday: '清明节' },
      { date: '2024-04-28', holiday: '劳动节' },
      { date: '2024-05-11', holiday: '劳动节' },
      { date: '2024-09-14', holiday: '中秋节' },
      { date: '2024-09-29', holiday: '国庆节' },
      { date: '2024-10-12', holiday: '国庆节' },
    ],
  },
  {
    year: 2025,
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    documentNumber: '国办发明电〔2024〕12号',
    issuedOn: '2024-11-12',
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    workdays: [
      { date: '2025-01-26', holiday: '春节' },
      { date: '2025-02-08', holiday: '春节' },
      { date: '2025-04-27', holiday: '劳动节' },
      { date: '2025-09-28', holiday: '国庆节、中秋节' },
      { date: '2025-10-11', holiday: '国庆节、中秋节' },
    ],
  },
  {
    year: 2026,
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    issuedOn: '2025-11-04',
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    workdays: [
      { date: '2026-01-04', holiday: '元旦' },
      { date: '2026-02-14', holiday: '春节' },
      { date: '2026-02-28', holiday: '春节' },
      { date: '2026-05-09', holiday: '劳动节' },
      { date: '2026-09-20', holiday: '国庆节' },
      { date: '2026-10-10', holiday: '国庆节' },
    ],
  },
];

/**
 * Expands notices into one override per day. Every day of a holiday period becomes a `holiday`,
 * weekend days inside the period too, so the admin table shows the whole break. Every make-up
 * day becomes a `workday` named after its holiday, such as 春节调休上班.
 */
export function expandHolidayNotices(notices: readonly HolidayNotice[]): CalendarOverride[] {
  const overrides: CalendarOverride[] = [];
  for (const notice of notices) {
    for (const period of notice.holidays) {
      for (let day = period.from; day <= period.to; day = nextDay(day)) {
        overrides.push({ date: day, kind: 'holiday', name: period.name });
      }
    }
    for (const workday of notice.workdays) {
      overrides.push({ date: workday.date, kind: 'workday', name: `${workday.holiday}调休上班` });
    }
  }
  return overrides.sort((a, b) => a.date.localeCompare(b.date));
}

function nextDay(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Every confirmed holiday and make-up working day, ready to seed the calendar table. */
export const CN_CALENDAR_OVERRIDES: readonly CalendarOverride[] = expandHolidayNotices(CN_HOLIDAY_NOTICES);
