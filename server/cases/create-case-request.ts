/**
 * The request body of `POST /api/cases` and its checks, with the Chinese message shown beside
 * each field. The limits match the desktop's form, which checks the same before sending.
 */
import { z } from 'zod';
import { CASE_CHANNELS, CASE_KINDS } from '../domain/terms';
import { checkCreditCode, normalizeCreditCode } from '../domain/credit-code';
import type { FieldLabels } from '../http/validation';

export const TITLE_MAX_LENGTH = 100;
export const CONTENT_MAX_LENGTH = 4000;
export const CALLER_NAME_MAX_LENGTH = 50;
export const ENTERPRISE_NAME_MAX_LENGTH = 100;
export const ADDRESS_MAX_LENGTH = 200;

/** Digits with an optional leading "+" and inner hyphens or spaces, 3 to 20 characters. */
const PHONE_NUMBER = /^\+?[0-9][0-9\- ]{1,18}[0-9]$/;

const CREDIT_CODE_MESSAGES = {
  length: '统一社会信用代码应为18位',
  characters: '统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）',
  check: '统一社会信用代码校验位不正确，请核对',
} as const;

/** A unified social credit code, checked and returned trimmed and in capitals. */
export const creditCodeSchema = z
  .string({ error: '请填写统一社会信用代码' })
  .superRefine((code, context) => {
    const result = checkCreditCode(code);
    if (!result.ok) context.addIssue({ code: 'custom', message: CREDIT_CODE_MESSAGES[result.reason] });
  })
  .transform(normalizeCreditCode);

const newEnterpriseSchema = z.object({
  name: z
    .string({ error: '请填写企业名称' })
    .trim()
    .min(1, { error: '请填写企业名称' })
    .max(ENTERPRISE_NAME_MAX_LENGTH, { error: `企业名称不能超过${ENTERPRISE_NAME_MAX_LENGTH}个字` }),
  creditCode: creditCodeSchema,
  address: z
    .string()
    .trim()
    .max(ADDRESS_MAX_LENGTH, { error: `企业地址不能超过${ADDRESS_MAX_LENGTH}个字` })
    .optional(),
});

export const createCaseRequestSchema = z
  .object({
    channel: z.enum(CASE_CHANNELS, { error: '请选择受理渠道' }),
    kind: z.enum(CASE_KINDS, { error: '请选择诉求类型' }),
    categoryId: z.number({ error: '请选择诉求分类' }).int({ error: '请选择诉求分类' }).positive({ error: '请选择诉求分类' }),
    enterpriseId: z.number().int().positive().optional(),
    enterprise: newEnterpriseSchema.optional(),
    callerName: z
      .string()
      .trim()
      .max(CALLER_NAME_MAX_LENGTH, { error: `姓名不能超过${CALLER_NAME_MAX_LENGTH}个字` })
      .default(''),
    callerNumber: z
      .string()
      .trim()
      .refine((number) => number === '' || PHONE_NUMBER.test(number), { error: '来电号码只能包含数字，3至20位' })
      .default(''),
    anonymous: z.boolean({ error: '“匿名”应为是或否' }).default(false),
    confidential: z.boolean({ error: '“保密”应为是或否' }).default(false),
    title: z
      .string({ error: '请填写标题' })
      .trim()
      .min(1, { error: '请填写标题' })
      .max(TITLE_MAX_LENGTH, { error: `标题不能超过${TITLE_MAX_LENGTH}个字` }),
    content: z
      .string({ error: '请填写诉求内容' })
      .trim()
      .min(1, { error: '请填写诉求内容' })
      .max(CONTENT_MAX_LENGTH, { error: `诉求内容不能超过${CONTENT_MAX_LENGTH}个字` }),
    callId: z.string().trim().min(1).max(128).optional(),
  })
  .superRefine((request, context) => {
    if (request.enterpriseId !== undefined && request.enterprise !== undefined) {
      context.addIssue({ code: 'custom', path: ['enterprise'], message: '请只选择已登记的企业，或只填写新企业' });
    }
    if (!request.anonymous && request.callerName === '') {
      context.addIssue({ code: 'custom', path: ['callerName'], message: '请填写诉求人姓名，或勾选“匿名”' });
    }
    if (request.channel === 'phone' && !request.anonymous && request.callerNumber === '') {
      context.addIssue({ code: 'custom', path: ['callerNumber'], message: '请填写来电号码' });
    }
  });

export type CreateCaseRequest = z.output<typeof createCaseRequestSchema>;

export const CREATE_CASE_LABELS: FieldLabels = {
  channel: '受理渠道',
  kind: '诉求类型',
  categoryId: '诉求分类',
  enterpriseId: '企业',
  enterprise: '企业',
  'enterprise.name': '企业名称',
  'enterprise.creditCode': '统一社会信用代码',
  'enterprise.address': '企业地址',
  callerName: '诉求人姓名',
  callerNumber: '来电号码',
  anonymous: '匿名',
  confidential: '保密',
  title: '标题',
  content: '诉求内容',
  callId: '通话编号',
};
