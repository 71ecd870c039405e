/**
 * Input schemas of the case actions (zod, with Chinese messages): the fields each action needs
 * from the person who takes it. The case transitions validate input through parseActionInput.
 */
import { z } from 'zod';
import {
  CONTACT_METHODS,
  CONTACT_METHOD_LABELS,
  NOT_ACCEPTED_REASONS,
  NOT_ACCEPTED_REASON_LABELS,
  SATISFACTION_LEVELS,
  SATISFACTION_LEVEL_LABELS,
} from '../domain/terms';
import { validationFailed } from '../errors';

/** Maximum length of one free-text field, in characters. */
export const MAX_TEXT_LENGTH = 5000;
/** Maximum single extension, in working days. A longer one is a typo or a matter for escalation. */
export const MAX_EXTENSION_WORKING_DAYS = 30;

/** Required free text, trimmed; `label` names the field in the message, such as 退单原因. */
function text(label: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `请填写${label}` : `${label}应为文字`) })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(MAX_TEXT_LENGTH, { error: `${label}不能超过 ${MAX_TEXT_LENGTH} 个字` });
}

/** Optional free text; blank becomes undefined. */
function optionalText(label: string) {
  return z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(MAX_TEXT_LENGTH, { error: `${label}不能超过 ${MAX_TEXT_LENGTH} 个字` })
    .optional()
    .transform((value) => (value ? value : undefined));
}

function id(label: string) {
  return z
    .number({ error: (issue) => (issue.input === undefined || issue.input === null ? `请选择${label}` : `${label}编号无效`) })
    .int({ error: `${label}编号无效` })
    .positive({ error: `${label}编号无效` });
}

function choice<const T extends readonly [string, ...string[]]>(values: T, labels: Record<T[number], string>, what: string) {
  const list = values.map((value) => labels[value as T[number]]).join('、');
  return z.enum(values, { error: `请选择${what}：${list}` });
}

/** Lead unit and co-handling units of a dispatch; a unit appears once and is never its own co-handler. */
const unitsShape = {
  leadUnitId: id('主办单位'),
  coUnitIds: z
    .array(id('协办单位'), { error: '协办单位应为单位编号的列表' })
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, { error: '协办单位重复' }),
};
const noLeadAmongCoUnits = (input: { leadUnitId: number; coUnitIds: number[] }) => !input.coUnitIds.includes(input.leadUnitId);
const noLeadAmongCoUnitsProblem = { error: '主办单位不能同时作为协办单位', path: ['coUnitIds'] };

const extensionDays = z
  .number({ error: '请填写延期的工作日数' })
  .int({ error: '延期天数必须是整数个工作日' })
  .min(1, { error: '延期至少 1 个工作日' })
  .max(MAX_EXTENSION_WORKING_DAYS, { error: `单次延期最多 ${MAX_EXTENSION_WORKING_DAYS} 个工作日` });

/** Builds an object schema that rejects a non-object input with a Chinese message too. */
function object<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape, { error: '操作的输入格式无效，应为对象' });
}

const empty = object({});

export const ACTION_INPUT_SCHEMAS = {
  'answer-on-spot': object({ answer: text('答复内容') }),
  'not-accept': object({
    reason: choice(NOT_ACCEPTED_REASONS, NOT_ACCEPTED_REASON_LABELS, '不予受理的原因'),
    note: optionalText('说明'),
  }),
  dispatch: object({ ...unitsShape, note: optionalText('转办意见') }).refine(noLeadAmongCoUnits, noLeadAmongCoUnitsProblem),
  sign: empty,
  return: object({ reason: text('退单原因'), suggestedUnit: optionalText('建议承办单位') }),
  'review-return-accept': z
    .object({ ...unitsShape, note: optionalText('转办意见') })
    .refine(noLeadAmongCoUnits, noLeadAmongCoUnitsProblem),
  'review-return-reject': object({ reason: text('驳回退单的理由') }),
  contact: object({
    method: choice(CONTACT_METHODS, CONTACT_METHOD_LABELS, '联系方式'),
    note: text('联系情况'),
  }),
  'request-extension': object({ workingDays: extensionDays, reason: text('延期理由') }),
  'approve-extension': object({ workingDays: extensionDays, note: optionalText('审批意见') }),
  'refuse-extension': object({ reason: text('不批准延期的理由') }),
  'co-reply': object({ reply: text('协办意见') }),
  reply: object({ reply: text('答复内容') }),
  'start-review': empty,
  'review-accept': object({ note: optionalText('审核意见') }),
  'review-rework': object({ reason: text('退回重办的理由') }),
  callback: z
    .object({
      rating: choice(SATISFACTION_LEVELS, SATISFACTION_LEVEL_LABELS, '诉求人的评价'),
      note: optionalText('回访情况'),
    })
    .refine((input) => input.rating !== 'dissatisfied' || input.note !== undefined, {
      error: '诉求人不满意时，请在回访情况中写明不满意的原因',
      path: ['note'],
    }),
  close: object({ reason: text('未经回访办结的原因') }),
  archive: empty,
  escalate: object({
    reason: text('专报理由'),
    /** A major case goes to the county's principal leaders (主要领导) rather than one leader. */
    major: z.boolean({ error: '“重大事项”应为是或否' }).default(false),
    leaderUserId: id('批示领导').optional(),
  }),
  instruct: object({ instruction: text('批示内容') }),
  supervise: object({ reason: text('督办意见') }),
  redispatch: object({ ...unitsShape, reason: text('改派理由') }).refine(noLeadAmongCoUnits, noLeadAmongCoUnitsProblem),
  reopen: object({ reason: text('重新办理的理由') }),
  /** A duplicate (并单) is linked to the open case about the same matter instead of being dispatched again. */
  merge: object({ intoCaseId: id('主工单'), note: optionalText('并单说明') }),
} as const;

export type CaseAction = keyof typeof ACTION_INPUT_SCHEMAS;
export const CASE_ACTIONS = Object.keys(ACTION_INPUT_SCHEMAS) as CaseAction[];

/** Validated input of each action, trimmed and with defaults filled in. */
export type ActionInput<A extends CaseAction> = z.output<(typeof ACTION_INPUT_SCHEMAS)[A]>;

/**
 * Validates the input of `action`; a missing input counts as `{}`. Returns the cleaned input, or
 * throws VALIDATION_FAILED with one Chinese message per invalid field.
 */
export function parseActionInput<A extends CaseAction>(action: A, input: unknown): ActionInput<A> {
  const schema = ACTION_INPUT_SCHEMAS[action] as unknown as z.ZodType<ActionInput<A>>;
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw validationFailed(
      result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'input', message: issue.message })),
    );
  }
  return result.data;
}
