import { describe, expect, it } from 'vitest';
import { ACTION_FORMS } from '../../agent-desktop/renderer/portal/action-forms';
import { buildActionInput, emptyValues } from '../../agent-desktop/renderer/portal/action-input';
import { dispatchableUnits } from '../../agent-desktop/renderer/portal/org-units';
import { CASE_ACTIONS } from '../../server/workflow/case-action-input';

describe('action forms', () => {
  it('has a form for every workflow action', () => {
    for (const action of CASE_ACTIONS) expect(ACTION_FORMS[action], action).toBeDefined();
  });

  it('sends trimmed text and whole working days', () => {
    const values = { ...emptyValues(), text: { workingDays: ' 3 ', reason: '  需协调施工  ' } };

    expect(buildActionInput(ACTION_FORMS['request-extension'].fields, values)).toEqual({
      ok: true,
      input: { workingDays: 3, reason: '需协调施工' },
      files: [],
    });
  });

  it('names every missing or invalid field in Chinese', () => {
    const values = { ...emptyValues(), text: { workingDays: '1.5' } };

    expect(buildActionInput(ACTION_FORMS['request-extension'].fields, values)).toEqual({
      ok: false,
      errors: { workingDays: '延期工作日数应为正整数', reason: '请填写延期理由' },
    });
  });

  it('requires a lead unit for a dispatch and leaves out a blank note', () => {
    const missing = buildActionInput(ACTION_FORMS.dispatch.fields, emptyValues());
    const chosen = buildActionInput(ACTION_FORMS.dispatch.fields, { ...emptyValues(), leadUnitId: 2, coUnitIds: [4], text: { note: ' ' } });

    expect(missing).toEqual({ ok: false, errors: { leadUnitId: '请选择主办单位' } });
    expect(chosen).toEqual({ ok: true, input: { leadUnitId: 2, coUnitIds: [4] }, files: [] });
  });

  it('requires a choice for a callback rating', () => {
    expect(buildActionInput(ACTION_FORMS.callback.fields, emptyValues())).toEqual({ ok: false, errors: { rating: '请选择诉求人的评价' } });
  });
});

describe('dispatchableUnits', () => {
  it('lists units in tree order with their depth and leaves out the platform', () => {
    const units = [
      { id: 1, code: '00', name: '县12345热线平台', type: 'platform' as const, parentId: null },
      { id: 4, code: '0201', name: '城关镇', type: 'township' as const, parentId: 1 },
      { id: 2, code: '0101', name: '县市场监督管理局', type: 'department' as const, parentId: 1 },
      { id: 5, code: '020101', name: '东关社区', type: 'village' as const, parentId: 4 },
    ];

    expect(dispatchableUnits(units).map(({ unit, depth }) => [unit.name, depth])).toEqual([
      ['城关镇', 0],
      ['东关社区', 1],
      ['县市场监督管理局', 0],
    ]);
  });

  it('keeps units whose parent is not listed', () => {
    const units = [{ id: 9, code: '030101', name: '某村', type: 'village' as const, parentId: 42 }];

    expect(dispatchableUnits(units)).toEqual([{ unit: units[0], depth: 0 }]);
  });
});
