import { useState } from 'preact/hooks';
import { describedBy, FormField } from '../components/FormField';
import type { ActionForm } from './action-forms';
import { buildActionInput, emptyValues, type ActionValues } from './action-input';
import { LeaderSelect } from './LeaderSelect';
import { UnitPicker, type UnitSuggestion } from './UnitPicker';

/** File types the server accepts, for the file picker. */
const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.txt';

interface Props {
  action: string;
  form: ActionForm;
  busy: boolean;
  /** Field messages from the server, keyed by field name. */
  serverErrors: Record<string, string>;
  /** Initial text values, such as the requested extension days. */
  initial?: Record<string, string>;
  /** Cases this one may duplicate, for the merge form. */
  duplicates?: { id: number; caseNo: string; title: string }[];
  /** Unit the platform suggests for a dispatch, such as the discipline commission. */
  suggestedUnit?: UnitSuggestion | null;
  onSubmit(input: Record<string, unknown>, files: File[]): void;
  onCancel(): void;
}

/** Renders the form of one case action and sends its checked input. */
export function ActionFormView({ action, form, busy, serverErrors, initial = {}, duplicates = [], suggestedUnit = null, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState<ActionValues>(() => ({ ...emptyValues(), text: { ...initial } }));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...serverErrors, ...localErrors };
  const idOf = (name: string) => `action-${action}-${name}`;

  const setText = (name: string, value: string) => setValues((previous) => ({ ...previous, text: { ...previous.text, [name]: value } }));

  const submit = (event: Event) => {
    event.preventDefault();
    const built = buildActionInput(form.fields, values);
    if (!built.ok) {
      setLocalErrors(built.errors);
      return;
    }
    setLocalErrors({});
    onSubmit(built.input, built.files);
  };

  return (
    <form class="action-form" aria-label={`${form.label}表单`} onSubmit={submit} noValidate>
      <h4 class="action-form-title">{form.label}</h4>
      {form.fields.length === 0 && <p class="muted">确认{form.label}此工单？</p>}
      {form.fields.map((field) => {
        switch (field.kind) {
          case 'text':
          case 'integer': {
            const id = idOf(field.name);
            const onInput = (event: Event) => setText(field.name, (event.currentTarget as HTMLInputElement).value);
            return (
              <FormField key={field.name} id={id} label={field.label} required={field.required} error={errors[field.name]}>
                {field.kind === 'text' && field.multiline ? (
                  <textarea class="input textarea" rows={3} {...describedBy(id, errors[field.name])} value={values.text[field.name] ?? ''} onInput={onInput} />
                ) : (
                  <input
                    class="input"
                    inputMode={field.kind === 'integer' ? 'numeric' : undefined}
                    {...describedBy(id, errors[field.name])}
                    value={values.text[field.name] ?? ''}
                    onInput={onInput}
                  />
                )}
              </FormField>
            );
          }
          case 'choice': {
            const id = idOf(field.name);
            return (
              <FormField key={field.name} id={id} label={field.label} required error={errors[field.name]}>
                <select
                  class="input"
                  {...describedBy(id, errors[field.name])}
                  value={values.text[field.name] ?? ''}
                  onChange={(event) => setText(field.name, (event.currentTarget as HTMLSelectElement).value)}
                >
                  <option value="">请选择</option>
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </FormField>
            );
          }
          case 'leader':
            return (
              <LeaderSelect
                key={field.name}
                id={idOf(field.name)}
                label={field.label}
                value={values.text[field.name] ?? ''}
                error={errors[field.name]}
                onChange={(value) => setText(field.name, value)}
              />
            );
          case 'duplicate': {
            const id = idOf(field.name);
            return (
              <FormField key={field.name} id={id} label={field.label} required error={errors[field.name]}>
                <select
                  class="input"
                  {...describedBy(id, errors[field.name])}
                  value={values.text[field.name] ?? ''}
                  onChange={(event) => setText(field.name, (event.currentTarget as HTMLSelectElement).value)}
                >
                  <option value="">请选择</option>
                  {duplicates.map((duplicate) => (
                    <option key={duplicate.id} value={String(duplicate.id)}>
                      {duplicate.caseNo} {duplicate.title}
                    </option>
                  ))}
                </select>
              </FormField>
            );
          }
          case 'flag':
            return (
              <label key={field.name} class="checkbox">
                <input
                  type="checkbox"
                  checked={values.flags[field.name] === true}
                  onChange={(event) => {
                    const checked = (event.currentTarget as HTMLInputElement).checked;
                    setValues((previous) => ({ ...previous, flags: { ...previous.flags, [field.name]: checked } }));
                  }}
                />
                {field.label}
              </label>
            );
          case 'units':
            return (
              <UnitPicker
                key="units"
                idPrefix={`action-${action}`}
                suggestion={suggestedUnit}
                leadUnitId={values.leadUnitId}
                coUnitIds={values.coUnitIds}
                errors={errors}
                onChange={(units) => setValues((previous) => ({ ...previous, ...units }))}
              />
            );
          case 'files': {
            const id = idOf('files');
            return (
              <FormField key="files" id={id} label={field.label} error={errors.files} hint="可选；PDF、图片、Word、Excel 或文本文件，一次最多 5 个">
                <input
                  type="file"
                  class="input"
                  multiple
                  accept={ACCEPTED_FILES}
                  {...describedBy(id, errors.files)}
                  onChange={(event) => {
                    const files = [...((event.currentTarget as HTMLInputElement).files ?? [])];
                    setValues((previous) => ({ ...previous, files }));
                  }}
                />
              </FormField>
            );
          }
        }
      })}
      <div class="button-row">
        <button type="submit" class={`button ${form.danger ? 'button-danger' : 'button-primary'}`} disabled={busy}>
          {busy ? '正在提交…' : `确认${form.label}`}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel} disabled={busy}>
          取消
        </button>
      </div>
    </form>
  );
}
