import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import type { OrgUnit } from '../api/portal-types';
import { describedBy, FormField } from '../components/FormField';
import { dispatchableUnits, loadOrgUnits } from './org-units';

/** A unit the platform suggests, with the Chinese reason shown beside it. */
export interface UnitSuggestion {
  orgUnitId: number;
  name: string;
  reason: string;
}

interface Props {
  idPrefix: string;
  suggestion?: UnitSuggestion | null;
  leadUnitId: number | null;
  coUnitIds: number[];
  onChange(next: { leadUnitId: number | null; coUnitIds: number[] }): void;
  errors: Record<string, string>;
}

/** Renders the choice of the lead unit and the co-handling units from the organisation tree. */
export function UnitPicker({ idPrefix, suggestion = null, leadUnitId, coUnitIds, onChange, errors }: Props) {
  const [units, setUnits] = useState<{ unit: OrgUnit; depth: number }[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    loadOrgUnits()
      .then((loaded) => setUnits(dispatchableUnits(loaded)))
      .catch((error: unknown) => setLoadError(error instanceof ApiError ? error.userMessage : '加载单位列表失败，请刷新页面'));
  }, []);

  if (loadError) return <p class="inline-error">{loadError}</p>;
  if (!units) return <p class="muted">正在加载单位列表…</p>;

  const leadId = `${idPrefix}-leadUnitId`;
  const coId = `${idPrefix}-coUnitIds`;
  const optionLabel = (entry: { unit: OrgUnit; depth: number }) => `${'\u3000'.repeat(entry.depth)}${entry.unit.name}`;

  return (
    <>
      {suggestion && (
        <p class="notice notice-info unit-suggestion">
          建议转办：{suggestion.name}。{suggestion.reason}
          {leadUnitId !== suggestion.orgUnitId && (
            <button
              type="button"
              class="button button-link"
              onClick={() => onChange({ leadUnitId: suggestion.orgUnitId, coUnitIds: coUnitIds.filter((id) => id !== suggestion.orgUnitId) })}
            >
              采用建议
            </button>
          )}
        </p>
      )}
      <FormField id={leadId} label="主办单位" required error={errors.leadUnitId}>
        <select
          class="input"
          {...describedBy(leadId, errors.leadUnitId)}
          value={leadUnitId === null ? '' : String(leadUnitId)}
          onChange={(event) => {
            const value = (event.currentTarget as HTMLSelectElement).value;
            const lead = value ? Number(value) : null;
            onChange({ leadUnitId: lead, coUnitIds: coUnitIds.filter((id) => id !== lead) });
          }}
        >
          <option value="">请选择主办单位</option>
          {units.map((entry) => (
            <option key={entry.unit.id} value={String(entry.unit.id)}>
              {optionLabel(entry)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={coId} label="协办单位" error={errors.coUnitIds} hint="可多选（按住 Ctrl 键点选）；不需要协办时不选">
        <select
          class="input unit-multi"
          multiple
          size={6}
          {...describedBy(coId, errors.coUnitIds)}
          onChange={(event) => {
            const selected = [...(event.currentTarget as HTMLSelectElement).selectedOptions].map((option) => Number(option.value));
            onChange({ leadUnitId, coUnitIds: selected.filter((id) => id !== leadUnitId) });
          }}
        >
          {units
            .filter((entry) => entry.unit.id !== leadUnitId)
            .map((entry) => (
              <option key={entry.unit.id} value={String(entry.unit.id)} selected={coUnitIds.includes(entry.unit.id)}>
                {optionLabel(entry)}
              </option>
            ))}
        </select>
      </FormField>
    </>
  );
}
