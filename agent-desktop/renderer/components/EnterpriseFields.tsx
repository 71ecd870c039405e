import { caseFormStore, clearEnterprise, editDraft, lookUpEnterprise, type EnterpriseLookup } from '../stores/case-form';
import { useStore } from '../stores/store';
import { describedBy, FormField } from './FormField';

const LOOKUP_HINTS: Record<EnterpriseLookup, string> = {
  idle: '填写18位代码后自动查找已登记的企业',
  searching: '正在查找企业…',
  found: '已匹配企业档案',
  'not-found': '未找到该企业，保存工单时将新建企业档案',
  failed: '查找企业失败，可继续填写，保存时由系统核对',
};

/**
 * Enterprise name, credit code and address. A matched enterprise is shown read-only until the
 * agent chooses another one.
 */
export function EnterpriseFields() {
  const { draft, errors, enterpriseLookup } = useStore(caseFormStore);
  const matched = draft.enterpriseId !== null;

  return (
    <fieldset class="fieldset">
      <legend class="fieldset-legend">
        企业信息
        {matched && (
          <button type="button" class="button button-link" onClick={clearEnterprise}>
            更换企业
          </button>
        )}
      </legend>
      <div class="field-row">
        <FormField id="case-credit-code" label="统一社会信用代码" error={errors.creditCode} hint={LOOKUP_HINTS[enterpriseLookup]}>
          <input
            {...describedBy('case-credit-code', errors.creditCode)}
            class="input mono"
            maxLength={18}
            readOnly={matched}
            value={draft.creditCode}
            onInput={(event) => {
              const creditCode = event.currentTarget.value.toUpperCase();
              editDraft({ creditCode });
              if (creditCode.trim().length === 18) void lookUpEnterprise();
            }}
            onBlur={() => void lookUpEnterprise()}
          />
        </FormField>
        <FormField id="case-enterprise-name" label="企业名称" error={errors.enterpriseName}>
          <input
            {...describedBy('case-enterprise-name', errors.enterpriseName)}
            class="input"
            readOnly={matched}
            value={draft.enterpriseName}
            onInput={(event) => editDraft({ enterpriseName: event.currentTarget.value })}
          />
        </FormField>
      </div>
      <FormField
        id="case-enterprise-address"
        label="企业地址"
        error={errors.enterpriseAddress}
        hint={draft.enterpriseTownship ? `所属乡镇：${draft.enterpriseTownship}` : undefined}
      >
        <input
          {...describedBy('case-enterprise-address', errors.enterpriseAddress)}
          class="input"
          readOnly={matched}
          value={draft.enterpriseAddress}
          onInput={(event) => editDraft({ enterpriseAddress: event.currentTarget.value })}
        />
      </FormField>
    </fieldset>
  );
}
