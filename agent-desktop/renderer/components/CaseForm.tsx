import { CASE_CHANNELS, CASE_CHANNEL_LABELS, CASE_KINDS, CASE_KIND_LABELS, type CaseChannel, type CaseKind } from '../../../server/domain/terms';
import { CONTENT_MAX_LENGTH } from '../forms/validate-case';
import { caseFormStore, editDraft, fillFromPop, resetCaseForm, saveCase } from '../stores/case-form';
import { openCase } from '../stores/case-detail';
import { useStore } from '../stores/store';
import { CategorySelect } from './CategorySelect';
import { EnterpriseFields } from './EnterpriseFields';
import { describedBy, FormField } from './FormField';

/** Renders the case registration form, filled from the screen pop and checked before it is saved. */
export function CaseForm() {
  const { draft, errors, formError, saving, saved, waitingPop } = useStore(caseFormStore);

  const submit = (event: Event) => {
    event.preventDefault();
    void saveCase();
  };

  return (
    <form class="panel case-form" onSubmit={submit} aria-label="登记工单" noValidate>
      <div class="panel-head">
        <h2 class="panel-title">登记工单</h2>
        {draft.callId && <span class="tag">关联来电</span>}
      </div>

      {saved && (
        <div class="notice notice-success" role="status" aria-label="保存结果">
          工单已保存，编号
          <button type="button" class="button-link case-no" onClick={() => void openCase(saved.id)}>
            {saved.caseNo}
          </button>
        </div>
      )}
      {waitingPop && (
        <div class="notice notice-info" role="status">
          新来电 {waitingPop.callerNumber}：当前工单尚未保存。
          <button type="button" class="button button-link" onClick={() => fillFromPop(waitingPop)}>
            放弃当前内容，按新来电填写
          </button>
        </div>
      )}

      <div class="field-row">
        <FormField id="case-channel" label="来源渠道" required error={errors.channel}>
          <select
            {...describedBy('case-channel', errors.channel)}
            class="input"
            value={draft.channel}
            onChange={(event) => editDraft({ channel: event.currentTarget.value as CaseChannel })}
          >
            {CASE_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {CASE_CHANNEL_LABELS[channel]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="case-kind" label="诉求类型" required error={errors.kind}>
          <select
            {...describedBy('case-kind', errors.kind)}
            class="input"
            value={draft.kind}
            onChange={(event) => editDraft({ kind: event.currentTarget.value as CaseKind | '' })}
          >
            <option value="">请选择</option>
            {CASE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {CASE_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </FormField>
      </div>

      <FormField id="case-category" label="诉求分类" required error={errors.categoryId}>
        <CategorySelect
          id="case-category"
          value={draft.categoryId}
          error={errors.categoryId}
          onChange={(categoryId) => editDraft({ categoryId })}
        />
      </FormField>

      <EnterpriseFields />

      <fieldset class="fieldset">
        <legend class="fieldset-legend">诉求人</legend>
        <div class="field-row">
          <FormField id="case-caller-name" label="诉求人姓名" required={!draft.anonymous} error={errors.callerName}>
            <input
              {...describedBy('case-caller-name', errors.callerName)}
              class="input"
              disabled={draft.anonymous}
              value={draft.anonymous ? '' : draft.callerName}
              onInput={(event) => editDraft({ callerName: event.currentTarget.value })}
            />
          </FormField>
          <FormField id="case-caller-number" label="联系电话" required={draft.channel === 'phone'} error={errors.callerNumber}>
            <input
              {...describedBy('case-caller-number', errors.callerNumber)}
              class="input mono"
              inputMode="tel"
              value={draft.callerNumber}
              onInput={(event) => editDraft({ callerNumber: event.currentTarget.value })}
            />
          </FormField>
        </div>
        <div class="checkbox-row">
          <label class="checkbox">
            <input
              type="checkbox"
              checked={draft.anonymous}
              onChange={(event) => editDraft({ anonymous: event.currentTarget.checked })}
            />
            匿名
          </label>
          <label class="checkbox">
            <input
              type="checkbox"
              checked={draft.confidential}
              onChange={(event) => editDraft({ confidential: event.currentTarget.checked })}
            />
            身份保密
          </label>
        </div>
      </fieldset>

      <FormField id="case-title" label="标题" required error={errors.title}>
        <input
          {...describedBy('case-title', errors.title)}
          class="input"
          value={draft.title}
          onInput={(event) => editDraft({ title: event.currentTarget.value })}
        />
      </FormField>
      <FormField
        id="case-content"
        label="诉求内容"
        required
        error={errors.content}
        hint={`${draft.content.trim().length}/${CONTENT_MAX_LENGTH}`}
      >
        <textarea
          {...describedBy('case-content', errors.content)}
          class="input textarea"
          rows={6}
          value={draft.content}
          onInput={(event) => editDraft({ content: event.currentTarget.value })}
        />
      </FormField>

      {formError && (
        <p class="notice notice-error" role="alert">
          {formError}
        </p>
      )}
      <div class="button-row form-actions">
        <button type="submit" class="button button-primary" disabled={saving}>
          {saving ? '正在保存…' : '保存工单'}
        </button>
        <button type="button" class="button button-quiet" disabled={saving} onClick={resetCaseForm}>
          清空
        </button>
      </div>
    </form>
  );
}
