/**
 * Request bodies of the self-service intake: the public web form and the intake API of the
 * WeChat, app and Weibo front ends. Unknown fields are rejected and every text has a maximum
 * length, because anyone on the internet can send these.
 */
import { z } from 'zod';
import { CASE_KINDS } from '../domain/terms';
import { creditCodeSchema } from '../cases/create-case-request';
import type { FieldLabels } from '../http/validation';
import { QUERY_CODE_LENGTH } from './query-code';

export const INTAKE_TITLE_MAX_LENGTH = 100;
/** Shorter than the desk's 4000 characters: a self-service submission is one matter. */
export const INTAKE_CONTENT_MAX_LENGTH = 2000;
export const INTAKE_NAME_MAX_LENGTH = 50;
export const INTAKE_ENTERPRISE_NAME_MAX_LENGTH = 100;
export const INTAKE_ADDRESS_MAX_LENGTH = 200;

/** A Chinese mobile number (11 digits from 1) or a fixed-line number with area code, hyphens allowed. */
const PHONE_NUMBER = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });

const phoneNumber = z
  .string({ error: '请填写联系电话' })
  .trim()
  .refine((number) => PHONE_NUMBER.test(number.replace(/\s/g, '')), { error: '联系电话应为11位手机号或带区号的固定电话' })
  .transform((number) => number.replace(/[\s-]/g, ''));

const kind = z.enum(CASE_KINDS, { error: '请选择诉求类型' });

/** The public web form (企业在线提交): always an enterprise with its credit code and a contact. */
export const webIntakeRequestSchema = z.strictObject({
  enterpriseName: text('企业名称', INTAKE_ENTERPRISE_NAME_MAX_LENGTH),
  creditCode: creditCodeSchema,
  contactName: text('联系人姓名', INTAKE_NAME_MAX_LENGTH),
  contactPhone: phoneNumber,
  kind,
  title: text('标题', INTAKE_TITLE_MAX_LENGTH),
  content: text('诉求内容', INTAKE_CONTENT_MAX_LENGTH),
  confidential: z.boolean({ error: '“保密”应为是或否' }).default(false),
});

export type WebIntakeRequest = z.output<typeof webIntakeRequestSchema>;

export const WEB_INTAKE_LABELS: FieldLabels = {
  enterpriseName: '企业名称',
  creditCode: '统一社会信用代码',
  contactName: '联系人姓名',
  contactPhone: '联系电话',
  kind: '诉求类型',
  title: '标题',
  content: '诉求内容',
  confidential: '保密',
};

/** The intake API: the channel comes from the API key, the enterprise is optional. */
export const apiIntakeRequestSchema = z
  .strictObject({
    kind,
    title: text('标题', INTAKE_TITLE_MAX_LENGTH),
    content: text('诉求内容', INTAKE_CONTENT_MAX_LENGTH),
    callerName: z.string().trim().max(INTAKE_NAME_MAX_LENGTH, { error: `诉求人姓名不能超过${INTAKE_NAME_MAX_LENGTH}个字` }).optional(),
    callerNumber: phoneNumber.optional(),
    anonymous: z.boolean({ error: '“匿名”应为是或否' }).default(false),
    confidential: z.boolean({ error: '“保密”应为是或否' }).default(false),
    enterprise: z
      .strictObject({
        name: text('企业名称', INTAKE_ENTERPRISE_NAME_MAX_LENGTH),
        creditCode: creditCodeSchema,
        address: z.string().trim().max(INTAKE_ADDRESS_MAX_LENGTH, { error: `企业地址不能超过${INTAKE_ADDRESS_MAX_LENGTH}个字` }).optional(),
      })
      .optional(),
  })
  .superRefine((request, context) => {
    if (!request.anonymous && !request.callerName) {
      context.addIssue({ code: 'custom', path: ['callerName'], message: '请填写诉求人姓名，或选择匿名' });
    }
  });

export type ApiIntakeRequest = z.output<typeof apiIntakeRequestSchema>;

export const API_INTAKE_LABELS: FieldLabels = {
  kind: '诉求类型',
  title: '标题',
  content: '诉求内容',
  callerName: '诉求人姓名',
  callerNumber: '联系电话',
  anonymous: '匿名',
  confidential: '保密',
  enterprise: '企业',
  'enterprise.name': '企业名称',
  'enterprise.creditCode': '统一社会信用代码',
  'enterprise.address': '企业地址',
};

/** The progress query: sent as a POST body, so the code never appears in URLs or access logs. */
export const progressRequestSchema = z.strictObject({
  caseNo: z
    .string({ error: '请填写工单编号' })
    .trim()
    .toUpperCase()
    .regex(/^MQ\d{12,16}$/, { error: '工单编号格式不正确，应为 MQ 加数字，如 MQ202603050001' }),
  queryCode: z
    .string({ error: '请填写查询码' })
    .trim()
    .min(1, { error: '请填写查询码' })
    .max(QUERY_CODE_LENGTH + 4, { error: '查询码格式不正确' }),
});

export const PROGRESS_LABELS: FieldLabels = { caseNo: '工单编号', queryCode: '查询码' };

/** `Idempotency-Key` header: 1 to 128 visible ASCII characters, such as a UUID. */
export const idempotencyKeySchema = z
  .string({ error: '请在请求头 Idempotency-Key 中提供幂等键' })
  .regex(/^[\x21-\x7e]{1,128}$/, { error: '幂等键（Idempotency-Key）应为 1 至 128 个可见 ASCII 字符' });
