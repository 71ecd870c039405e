/**
 * Checks the fields of a new case before anything is written, with Chinese messages per field.
 * The HTTP layer validates the request body too, but these checks guard the database itself.
 */
import type { Transaction } from 'sequelize';
import { validationFailed, type FieldProblem } from '../../server/errors';
import { checkCreditCode, normalizeCreditCode } from '../../server/domain/credit-code';
import { CASE_CHANNELS, CASE_KINDS, type CaseChannel, type CaseKind } from '../../server/domain/terms';
import type { Database } from '../database';
import { normalizePhoneNumber } from './phone-number';

export interface CreateCaseInput {
  channel: CaseChannel;
  kind: CaseKind;
  title: string;
  content: string;
  categoryId?: number | null;
  enterpriseId?: number | null;
  callerName?: string | null;
  /** Any common notation, stored as digits only. */
  callerNumber?: string | null;
  anonymous?: boolean;
  confidential?: boolean;
  /** Call the case is registered from. A call can have at most one case. */
  callId?: string | null;
  /** Lead unit, when the case is dispatched as it is registered. */
  handlingUnitId?: number | null;
  /**
   * An enterprise not chosen from the register, in place of `enterpriseId`. The case is linked
   * to the enterprise with this credit code, which is created (with the caller's number as its
   * contact) when it does not exist yet.
   */
  enterprise?: NewEnterpriseInput | null;
}

export interface NewEnterpriseInput {
  name: string;
  creditCode: string;
  address?: string | null;
}

export interface CaseValues {
  channel: CaseChannel;
  kind: CaseKind;
  title: string;
  content: string;
  categoryId: number | null;
  enterpriseId: number | null;
  callerName: string | null;
  callerNumber: string | null;
  anonymous: boolean;
  confidential: boolean;
  callId: string | null;
  handlingUnitId: number | null;
  enterprise: Required<NewEnterpriseInput> | null;
}

export const MAX_TITLE_LENGTH = 200;
export const MAX_CALLER_NAME_LENGTH = 64;
export const MAX_ENTERPRISE_NAME_LENGTH = 200;
export const MAX_ADDRESS_LENGTH = 255;
const MAX_PHONE_DIGITS = 20;

/** Length in characters as MySQL counts them (code points), not UTF-16 units. */
const characterCount = (text: string) => [...text].length;

/** Returns the values to store, or throws `VALIDATION_FAILED` listing every invalid field. */
export function validateCaseInput(input: CreateCaseInput): CaseValues {
  const problems: FieldProblem[] = [];
  const title = input.title?.trim() ?? '';
  const content = input.content?.trim() ?? '';
  const callerName = input.callerName?.trim() || null;
  const callerNumber = input.callerNumber ? normalizePhoneNumber(input.callerNumber) : null;

  if (!CASE_CHANNELS.includes(input.channel)) {
    problems.push({ field: 'channel', message: '受理渠道无效' });
  }
  if (!CASE_KINDS.includes(input.kind)) {
    problems.push({ field: 'kind', message: '诉求类型无效' });
  }
  if (!title) {
    problems.push({ field: 'title', message: '请填写标题' });
  } else if (characterCount(title) > MAX_TITLE_LENGTH) {
    problems.push({ field: 'title', message: `标题不能超过${MAX_TITLE_LENGTH}个字` });
  }
  if (!content) {
    problems.push({ field: 'content', message: '请填写诉求内容' });
  }
  if (callerName && characterCount(callerName) > MAX_CALLER_NAME_LENGTH) {
    problems.push({ field: 'callerName', message: `姓名不能超过${MAX_CALLER_NAME_LENGTH}个字` });
  }
  if (input.callerNumber && (!callerNumber || callerNumber.length > MAX_PHONE_DIGITS)) {
    problems.push({ field: 'callerNumber', message: '电话号码无效' });
  }
  const enterprise = input.enterprise ? validateNewEnterprise(input.enterprise, problems) : null;
  if (input.enterprise && input.enterpriseId != null) {
    problems.push({ field: 'enterprise', message: '请选择已登记的企业或填写新企业，不能同时填写' });
  }
  if (problems.length > 0) {
    throw validationFailed(problems);
  }

  return {
    channel: input.channel,
    kind: input.kind,
    title,
    content,
    categoryId: input.categoryId ?? null,
    enterpriseId: input.enterpriseId ?? null,
    callerName,
    callerNumber,
    anonymous: input.anonymous ?? false,
    confidential: input.confidential ?? false,
    callId: input.callId ?? null,
    handlingUnitId: input.handlingUnitId ?? null,
    enterprise,
  };
}

const CREDIT_CODE_MESSAGES = {
  length: '统一社会信用代码应为18位',
  characters: '统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）',
  check: '统一社会信用代码校验位不正确，请核对',
} as const;

function validateNewEnterprise(input: NewEnterpriseInput, problems: FieldProblem[]): Required<NewEnterpriseInput> {
  const name = input.name?.trim() ?? '';
  const address = input.address?.trim() || null;
  const creditCode = normalizeCreditCode(input.creditCode ?? '');

  if (!name) {
    problems.push({ field: 'enterprise.name', message: '请填写企业名称' });
  } else if (characterCount(name) > MAX_ENTERPRISE_NAME_LENGTH) {
    problems.push({ field: 'enterprise.name', message: `企业名称不能超过${MAX_ENTERPRISE_NAME_LENGTH}个字` });
  }
  const check = checkCreditCode(creditCode);
  if (!check.ok) {
    problems.push({ field: 'enterprise.creditCode', message: CREDIT_CODE_MESSAGES[check.reason] });
  }
  if (address && characterCount(address) > MAX_ADDRESS_LENGTH) {
    problems.push({ field: 'enterprise.address', message: `企业地址不能超过${MAX_ADDRESS_LENGTH}个字` });
  }
  return { name, creditCode, address };
}

/**
 * Returns the id of the enterprise the case is about. For a new enterprise, finds it by credit
 * code or creates it with the caller's number as contact. An existing enterprise is not changed.
 */
export async function findOrCreateEnterprise(db: Database, values: CaseValues, transaction: Transaction): Promise<number | null> {
  if (!values.enterprise) {
    return values.enterpriseId;
  }
  const { Enterprise, EnterpriseContact } = db.models;
  const existing = await Enterprise.findOne({ where: { creditCode: values.enterprise.creditCode }, transaction });
  if (existing) {
    return existing.id;
  }

  const created = await Enterprise.create(
    {
      name: values.enterprise.name,
      creditCode: values.enterprise.creditCode,
      address: values.enterprise.address,
      contactName: values.anonymous ? null : values.callerName,
    },
    { transaction },
  );
  if (values.callerNumber) {
    await EnterpriseContact.create(
      { enterpriseId: created.id, phone: values.callerNumber, name: values.anonymous ? null : values.callerName },
      { transaction },
    );
  }
  return created.id;
}

/** Throws `VALIDATION_FAILED` when a referenced category, enterprise, unit or call does not exist. */
export async function checkCaseReferences(db: Database, values: CaseValues, transaction: Transaction): Promise<void> {
  const { Category, Enterprise, OrgUnit, Call } = db.models;
  const problems: FieldProblem[] = [];

  if (values.categoryId !== null) {
    const category = await Category.findByPk(values.categoryId, { transaction });
    if (!category) {
      problems.push({ field: 'categoryId', message: '所选分类不存在' });
    } else if (!category.active) {
      problems.push({ field: 'categoryId', message: '所选分类已停用' });
    }
  }
  if (values.enterpriseId !== null && !(await Enterprise.findByPk(values.enterpriseId, { transaction }))) {
    problems.push({ field: 'enterpriseId', message: '所选企业不存在' });
  }
  if (values.handlingUnitId !== null && !(await OrgUnit.findByPk(values.handlingUnitId, { transaction }))) {
    problems.push({ field: 'handlingUnitId', message: '所选承办单位不存在' });
  }
  if (values.callId !== null && !(await Call.findByPk(values.callId, { transaction }))) {
    problems.push({ field: 'callId', message: '关联的通话记录不存在' });
  }
  if (problems.length > 0) {
    throw validationFailed(problems);
  }
}
