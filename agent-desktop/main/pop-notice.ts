/**
 * Checks pop notices that arrive from the renderer over IPC and turns them into the text of the
 * native notification. The renderer is a web page, so its payload is checked like any input.
 */
import type { PopNotice } from '../shared/desktop-bridge';

const MAX_TEXT_LENGTH = 200;

const isShortString = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;

/** Returns the notice, or null when the payload does not have the expected shape. */
export function parsePopNotice(payload: unknown): PopNotice | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const candidate = payload as Record<string, unknown>;

  if (!isShortString(candidate.callId) || candidate.callId === '') return null;
  if (!isShortString(candidate.callerNumber)) return null;
  if (candidate.enterpriseName !== null && !isShortString(candidate.enterpriseName)) return null;
  if (!isShortString(candidate.ivrChoiceLabel)) return null;
  if (typeof candidate.repeatCaller !== 'boolean') return null;

  return {
    callId: candidate.callId,
    callerNumber: candidate.callerNumber,
    enterpriseName: candidate.enterpriseName,
    ivrChoiceLabel: candidate.ivrChoiceLabel,
    repeatCaller: candidate.repeatCaller,
  };
}

/** Title and body of the native notification, in Chinese. */
export function describePopNotice(notice: PopNotice): { title: string; body: string } {
  const title = `来电 ${notice.callerNumber || '未知号码'}`;
  const lines = [notice.enterpriseName ?? '未匹配到企业', `语音导航：${notice.ivrChoiceLabel}`];
  if (notice.repeatCaller) lines.push('重复来电');
  return { title, body: lines.join('\n') };
}
