/**
 * The browser's checks of a case draft, with the Chinese message shown beside each field. The
 * server checks again. These checks let the agent see a problem before the round trip.
 */
import { checkCreditCode } from '../../../server/domain/credit-code';
import type { CaseDraft, FieldErrors } from './case-draft';
import { hasEnterprise } from './case-draft';

export const TITLE_MAX_LENGTH = 100;
export const CONTENT_MAX_LENGTH = 4000;
export const CALLER_NAME_MAX_LENGTH = 50;
export const ENTERPRISE_NAME_MAX_LENGTH = 100;

/** Digits with an optional leading "+" and inner hyphens or spaces, as carriers and agents write numbers. */
const PHONE_NUMBER = /^\+?[0-9][0-9\- ]{1,18}[0-9]$/;

const CREDIT_CODE_MESSAGES = {
  length: '统一社会信用代码应为18位',
  characters: '统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）',
  check: '统一社会信用代码校验位不正确，请核对',
} as const;

/** Returns the message for the credit code, or null when it is valid. */
export function creditCodeMessage(code: string): string | null {
  const result = checkCreditCode(code.trim());
  return result.ok ? null : CREDIT_CODE_MESSAGES[result.reason];
}

export function validateDraft(draft: CaseDraft): FieldErrors {
  const errors: FieldErrors = {};

  if (draft.kind === '') errors.kind = '请选择诉求类型';
  if (draft.categoryId === null) errors.categoryId = '请选择诉求分类';

  if (hasEnterprise(draft) && draft.enterpriseId === null) {
    const name = draft.enterpriseName.trim();
    const code = draft.creditCode.trim();
    if (!name) errors.enterpriseName = '请填写企业名称，或清空统一社会信用代码';
    else if (name.length > ENTERPRISE_NAME_MAX_LENGTH) errors.enterpriseName = `企业名称不能超过${ENTERPRISE_NAME_MAX_LENGTH}个字`;
    if (!code) errors.creditCode = '请填写统一社会信用代码，或清空企业名称';
    else {
      const message = creditCodeMessage(code);
      if (message) errors.creditCode = message;
    }
  }

  const number = draft.callerNumber.trim();
  if (!number && draft.channel === 'phone') errors.callerNumber = '请填写来电号码';
  else if (number && !PHONE_NUMBER.test(number)) errors.callerNumber = '来电号码只能包含数字，3至20位';

  const callerName = draft.callerName.trim();
  if (!draft.anonymous && !callerName) errors.callerName = '请填写诉求人姓名，或勾选“匿名”';
  else if (callerName.length > CALLER_NAME_MAX_LENGTH) errors.callerName = `姓名不能超过${CALLER_NAME_MAX_LENGTH}个字`;

  const title = draft.title.trim();
  if (!title) errors.title = '请填写标题';
  else if (title.length > TITLE_MAX_LENGTH) errors.title = `标题不能超过${TITLE_MAX_LENGTH}个字`;

  const content = draft.content.trim();
  if (!content) errors.content = '请填写诉求内容';
  else if (content.length > CONTENT_MAX_LENGTH) errors.content = `诉求内容不能超过${CONTENT_MAX_LENGTH}个字`;

  return errors;
}
