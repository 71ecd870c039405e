/**
 * Translation of request input at the HTTP and socket boundaries: a zod schema parses the
 * input, and every problem becomes a `FieldProblem` with a Chinese message that names the field.
 */
import { z } from 'zod';
import { validationFailed, type FieldProblem } from '../errors';

/** Chinese names of fields, keyed by their dotted path (`enterprise.creditCode`). */
export type FieldLabels = Record<string, string>;

/**
 * Parses `input` with `schema` and returns the result; throws VALIDATION_FAILED listing every
 * invalid field. Messages written into the schema win over the generated ones.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, labels: FieldLabels = {}): z.output<S> {
  const result = schema.safeParse(input, { error: (issue) => chineseMessage(issue, labels) });
  if (result.success) return result.data;
  throw validationFailed(toFieldProblems(result.error));
}

export function toFieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message }));
}

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

/** The generated Chinese message for one issue, such as “标题不能超过 100 个字”. */
function chineseMessage(issue: RawIssue, labels: FieldLabels): string {
  const path = (issue.path ?? []).map(String).join('.');
  const label = labels[path] ?? (path ? `字段 ${path}` : '请求内容');

  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return `${label}为必填项`;
      return `${label}的类型不正确`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${label}不能为空` : `${label}至少需要 ${issue.minimum} 个字`;
      if (issue.origin === 'array') return `${label}至少需要 ${issue.minimum} 项`;
      return `${label}不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `${label}不能超过 ${issue.maximum} 个字`;
      if (issue.origin === 'array') return `${label}不能超过 ${issue.maximum} 项`;
      return `${label}不能大于 ${issue.maximum}`;
    case 'invalid_value':
      return `${label}的取值无效`;
    case 'invalid_format':
      return `${label}的格式不正确`;
    case 'unrecognized_keys':
      return `${label}包含未知字段：${issue.keys.join('、')}`;
    default:
      return `${label}无效`;
  }
}
