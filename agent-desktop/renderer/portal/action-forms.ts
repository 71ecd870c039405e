/**
 * The form of every case action: its Chinese name and the fields it requires, named as the
 * server's action input expects them. The server validates again and its messages win.
 */
import {
  CONTACT_METHODS,
  CONTACT_METHOD_LABELS,
  NOT_ACCEPTED_REASONS,
  NOT_ACCEPTED_REASON_LABELS,
  SATISFACTION_LEVELS,
  SATISFACTION_LEVEL_LABELS,
} from '../../../server/domain/terms';

/** The release of a protected reporter's identity to the units, offered beside the workflow actions. */
export const REVEAL_IDENTITY = 'reveal-identity';

export type ActionField =
  | { kind: 'text'; name: string; label: string; required: boolean; multiline?: boolean }
  | { kind: 'integer'; name: string; label: string; required: boolean }
  | { kind: 'choice'; name: string; label: string; options: { value: string; label: string }[] }
  | { kind: 'flag'; name: string; label: string }
  /** Lead unit (`leadUnitId`) and co-handling units (`coUnitIds`) from the organisation tree. */
  | { kind: 'units' }
  /** Files uploaded as attachments before the action is sent. */
  | { kind: 'files'; label: string }
  /** One of the case's possible duplicates, by id. */
  | { kind: 'duplicate'; name: string; label: string }
  /** An active leader, by user id; optional because a major case goes to every principal leader. */
  | { kind: 'leader'; name: string; label: string };

export interface ActionForm {
  label: string;
  fields: ActionField[];
  /** Shown as a danger button, for actions that send the case back or end it. */
  danger?: boolean;
}

const required = (name: string, label: string, multiline = true): ActionField => ({ kind: 'text', name, label, required: true, multiline });
const optional = (name: string, label: string): ActionField => ({ kind: 'text', name, label, required: false, multiline: true });
const choice = <T extends string>(name: string, label: string, values: readonly T[], labels: Record<T, string>): ActionField => ({
  kind: 'choice',
  name,
  label,
  options: values.map((value) => ({ value, label: labels[value] })),
});

export const ACTION_FORMS: Record<string, ActionForm> = {
  'answer-on-spot': { label: '直接办理', fields: [required('answer', '答复内容')] },
  'not-accept': {
    label: '不予受理',
    danger: true,
    fields: [choice('reason', '不予受理的原因', NOT_ACCEPTED_REASONS, NOT_ACCEPTED_REASON_LABELS), optional('note', '说明')],
  },
  dispatch: { label: '转办', fields: [{ kind: 'units' }, optional('note', '转办意见')] },
  sign: { label: '签收', fields: [] },
  return: { label: '退单', danger: true, fields: [required('reason', '退单原因'), { kind: 'text', name: 'suggestedUnit', label: '建议承办单位', required: false }] },
  'review-return-accept': { label: '同意退单并重新转办', fields: [{ kind: 'units' }, optional('note', '转办意见')] },
  'review-return-reject': { label: '驳回退单', danger: true, fields: [required('reason', '驳回退单的理由')] },
  contact: { label: '联系诉求人', fields: [choice('method', '联系方式', CONTACT_METHODS, CONTACT_METHOD_LABELS), required('note', '联系情况')] },
  'request-extension': { label: '申请延期', fields: [{ kind: 'integer', name: 'workingDays', label: '延期工作日数', required: true }, required('reason', '延期理由')] },
  'approve-extension': { label: '批准延期', fields: [{ kind: 'integer', name: 'workingDays', label: '延期工作日数', required: true }, optional('note', '审批意见')] },
  'refuse-extension': { label: '不批准延期', danger: true, fields: [required('reason', '不批准延期的理由')] },
  'co-reply': { label: '协办答复', fields: [required('reply', '协办意见'), { kind: 'files', label: '附件' }] },
  reply: { label: '答复', fields: [required('reply', '答复内容'), { kind: 'files', label: '附件' }] },
  'start-review': { label: '审核', fields: [] },
  'review-accept': { label: '审核通过', fields: [optional('note', '审核意见')] },
  'review-rework': { label: '退回重办', danger: true, fields: [required('reason', '退回重办的理由')] },
  callback: { label: '回访', fields: [choice('rating', '诉求人的评价', SATISFACTION_LEVELS, SATISFACTION_LEVEL_LABELS), optional('note', '回访情况')] },
  close: { label: '办结', fields: [required('reason', '未经回访办结的原因')] },
  archive: { label: '归档', fields: [] },
  escalate: {
    label: '专报批办',
    fields: [required('reason', '专报理由'), { kind: 'leader', name: 'leaderUserId', label: '批示领导' }, { kind: 'flag', name: 'major', label: '重大事项（报县主要领导）' }],
  },
  instruct: { label: '批示', fields: [required('instruction', '批示内容')] },
  supervise: { label: '督办', fields: [required('reason', '督办意见')] },
  redispatch: { label: '改派', fields: [{ kind: 'units' }, required('reason', '改派理由')] },
  reopen: { label: '重新办理', fields: [required('reason', '重新办理的理由')] },
  merge: { label: '并单', fields: [{ kind: 'duplicate', name: 'intoCaseId', label: '并入的主工单' }, optional('note', '并单说明')] },
  // Not a workflow action: the panel sends it to its own route.
  [REVEAL_IDENTITY]: { label: '公开诉求人身份', fields: [required('reason', '公开理由')] },
};

/** Returns the form of an action, or a bare confirmation for an action this screen does not know yet. */
export function actionForm(action: string): ActionForm {
  return ACTION_FORMS[action] ?? { label: action, fields: [] };
}
