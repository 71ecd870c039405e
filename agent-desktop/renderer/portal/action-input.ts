/**
 * Turns the values typed into an action form into the action's input, checking in the browser
 * what needs no server: required fields, whole numbers and a chosen lead unit.
 */
import type { ActionField } from './action-forms';

/** Values of one form, keyed by field name; units and files have their own keys. */
export interface ActionValues {
  text: Record<string, string>;
  flags: Record<string, boolean>;
  leadUnitId: number | null;
  coUnitIds: number[];
  files: File[];
}

export const emptyValues = (): ActionValues => ({ text: {}, flags: {}, leadUnitId: null, coUnitIds: [], files: [] });

export type BuiltInput = { ok: true; input: Record<string, unknown>; files: File[] } | { ok: false; errors: Record<string, string> };

export function buildActionInput(fields: ActionField[], values: ActionValues): BuiltInput {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};

  for (const field of fields) {
    switch (field.kind) {
      case 'text': {
        const value = (values.text[field.name] ?? '').trim();
        if (value) input[field.name] = value;
        else if (field.required) errors[field.name] = `请填写${field.label}`;
        break;
      }
      case 'integer': {
        const raw = (values.text[field.name] ?? '').trim();
        if (!raw) {
          if (field.required) errors[field.name] = `请填写${field.label}`;
        } else if (!/^\d+$/.test(raw) || Number(raw) < 1) {
          errors[field.name] = `${field.label}应为正整数`;
        } else {
          input[field.name] = Number(raw);
        }
        break;
      }
      case 'leader': {
        const value = values.text[field.name] ?? '';
        if (value) input[field.name] = Number(value);
        break;
      }
      case 'duplicate': {
        const value = values.text[field.name] ?? '';
        if (value) input[field.name] = Number(value);
        else errors[field.name] = `请选择${field.label}`;
        break;
      }
      case 'choice': {
        const value = values.text[field.name] ?? '';
        if (value) input[field.name] = value;
        else errors[field.name] = `请选择${field.label}`;
        break;
      }
      case 'flag':
        input[field.name] = values.flags[field.name] === true;
        break;
      case 'units':
        if (values.leadUnitId === null) errors.leadUnitId = '请选择主办单位';
        input.leadUnitId = values.leadUnitId;
        input.coUnitIds = values.coUnitIds;
        break;
      case 'files':
        break;
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input, files: values.files };
}
