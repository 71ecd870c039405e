/**
 * Turns the body of `GET /api/cases/:id` into what the detail view shows. The server returns the
 * case with its timeline events; older and newer field names are both accepted here so that the
 * view has one shape to render.
 */
import type { CaseChannel, CaseKind, CaseState } from '../../../server/domain/terms';
import type { EnterpriseSummary } from '../../../server/realtime/socket-events';

export interface CaseTimelineEntry {
  key: string;
  at: string;
  action: string;
  actorName: string | null;
  fromState: CaseState | null;
  toState: CaseState | null;
  note: string | null;
}

export interface CaseDetail {
  id: number;
  caseNo: string;
  state: CaseState;
  kind: CaseKind;
  channel: CaseChannel;
  title: string;
  content: string;
  createdAt: string;
  callerName: string | null;
  callerNumber: string | null;
  anonymous: boolean;
  confidential: boolean;
  categoryName: string | null;
  enterprise: EnterpriseSummary | null;
  timeline: CaseTimelineEntry[];
}

type Raw = Record<string, unknown>;

export function toCaseDetail(raw: Raw): CaseDetail {
  const category = raw.category as Raw | null | undefined;
  const events = (raw.timeline ?? raw.events ?? []) as Raw[];

  return {
    id: Number(raw.id),
    caseNo: String(raw.caseNo ?? ''),
    state: raw.state as CaseState,
    kind: raw.kind as CaseKind,
    channel: raw.channel as CaseChannel,
    title: String(raw.title ?? ''),
    content: String(raw.content ?? ''),
    createdAt: String(raw.createdAt ?? ''),
    callerName: optionalString(raw.callerName),
    callerNumber: optionalString(raw.callerNumber),
    anonymous: raw.anonymous === true,
    confidential: raw.confidential === true,
    categoryName: optionalString(category?.name ?? raw.categoryName),
    enterprise: (raw.enterprise as EnterpriseSummary | null | undefined) ?? null,
    timeline: events.map(toTimelineEntry),
  };
}

function toTimelineEntry(event: Raw, index: number): CaseTimelineEntry {
  const actor = event.actor as Raw | string | null | undefined;
  const actorName = typeof actor === 'string' ? actor : optionalString(actor?.displayName ?? event.actorName);

  return {
    key: String(event.id ?? index),
    at: String(event.at ?? event.createdAt ?? ''),
    action: String(event.action ?? event.type ?? ''),
    actorName,
    fromState: (event.fromState as CaseState | null | undefined) ?? null,
    toState: (event.toState as CaseState | null | undefined) ?? null,
    note: optionalString(event.note ?? event.reason ?? event.comment),
  };
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
