import { describe, expect, it } from 'vitest';
import { draftFromPop, draftToRequest, emptyDraft, type CaseDraft } from '../../agent-desktop/renderer/forms/case-draft';
import { mapServerFieldProblems } from '../../agent-desktop/renderer/forms/server-fields';
import { creditCodeMessage, validateDraft } from '../../agent-desktop/renderer/forms/validate-case';
import { formatDuration } from '../../agent-desktop/renderer/format';
import { toCategoryOptions } from '../../agent-desktop/renderer/stores/categories';
import { callStore, restoreCallFromStatus, showPop } from '../../agent-desktop/renderer/stores/call';
import type { AgentStatus, ScreenPop } from '../../server/realtime/socket-events';

const VALID_CODE = '91411421MA44T2DG6U';

const complete: CaseDraft = {
  ...emptyDraft(),
  kind: 'complaint',
  categoryId: 2,
  callerName: '李建国',
  callerNumber: '13937012345',
  title: '审批超时',
  content: '材料提交一个月未审批',
};

const pop: ScreenPop = {
  callId: 'call-7',
  callerNumber: '13937012345',
  callerName: '李建国',
  ivrChoice: 'enterprise',
  waitSeconds: 8,
  enterprise: { id: 31, name: '华通机械', creditCode: VALID_CODE, address: '工业大道18号', township: '城关镇' },
  earlierCases: [],
  openCases: [],
  repeatCaller: false,
  offeredAt: '2025-03-08T01:00:00.000Z',
};

describe('case draft checks', () => {
  it('passes a complete draft', () => {
    expect(validateDraft(complete)).toEqual({});
  });

  it('names every missing required field', () => {
    expect(validateDraft(emptyDraft())).toEqual({
      kind: '请选择诉求类型',
      categoryId: '请选择诉求分类',
      callerNumber: '请填写来电号码',
      callerName: '请填写诉求人姓名，或勾选“匿名”',
      title: '请填写标题',
      content: '请填写诉求内容',
    });
  });

  it('treats whitespace-only content as empty', () => {
    expect(validateDraft({ ...complete, content: ' \n ' }).content).toBe('请填写诉求内容');
  });

  it('needs no caller name when anonymous and no number off the phone', () => {
    expect(validateDraft({ ...complete, anonymous: true, callerName: '' })).toEqual({});
    expect(validateDraft({ ...complete, channel: 'letter', callerNumber: '' })).toEqual({});
  });

  it('rejects a malformed caller number', () => {
    expect(validateDraft({ ...complete, callerNumber: '13a' }).callerNumber).toBe('来电号码只能包含数字，3至20位');
    expect(validateDraft({ ...complete, callerNumber: '0370-12345' }).callerNumber).toBeUndefined();
  });

  it('limits title and content length', () => {
    expect(validateDraft({ ...complete, title: '题'.repeat(101) }).title).toBe('标题不能超过100个字');
    expect(validateDraft({ ...complete, content: '字'.repeat(4001) }).content).toBe('诉求内容不能超过4000个字');
  });

  it('explains each kind of bad credit code', () => {
    expect(creditCodeMessage('9141')).toBe('统一社会信用代码应为18位');
    expect(creditCodeMessage('91411421MA44T2DGIU')).toBe('统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）');
    expect(creditCodeMessage('91411421MA44T2DG6A')).toBe('统一社会信用代码校验位不正确，请核对');
    expect(creditCodeMessage(VALID_CODE)).toBeNull();
  });

  it('asks for both enterprise name and credit code of a new enterprise', () => {
    expect(validateDraft({ ...complete, creditCode: VALID_CODE }).enterpriseName).toBe('请填写企业名称，或清空统一社会信用代码');
    expect(validateDraft({ ...complete, enterpriseName: '新丰食品' }).creditCode).toBe('请填写统一社会信用代码，或清空企业名称');
    expect(validateDraft({ ...complete, enterpriseName: '新丰食品', creditCode: VALID_CODE })).toEqual({});
  });
});

describe('case draft requests', () => {
  it('fills the draft from a pop with the matched enterprise', () => {
    const draft = draftFromPop(pop);

    expect(draft).toMatchObject({ channel: 'phone', callId: 'call-7', callerNumber: '13937012345', enterpriseId: 31, enterpriseTownship: '城关镇' });
  });

  it('sends a matched enterprise by id', () => {
    const request = draftToRequest({ ...draftFromPop(pop), kind: 'help', categoryId: 2, title: ' 标题 ', content: '内容' });

    expect(request).toEqual({
      channel: 'phone',
      kind: 'help',
      categoryId: 2,
      enterpriseId: 31,
      callerName: '李建国',
      callerNumber: '13937012345',
      anonymous: false,
      confidential: false,
      title: '标题',
      content: '内容',
      callId: 'call-7',
    });
  });

  it('sends a new enterprise with its address and drops an anonymous name', () => {
    const request = draftToRequest({ ...complete, anonymous: true, enterpriseName: '新丰食品', creditCode: VALID_CODE, enterpriseAddress: '北关' });

    expect(request.enterprise).toEqual({ name: '新丰食品', creditCode: VALID_CODE, address: '北关' });
    expect(request.enterpriseId).toBeUndefined();
    expect(request.callerName).toBe('');
    expect(request.callId).toBeUndefined();
  });

  it('refuses to build a request from an unchecked draft', () => {
    expect(() => draftToRequest(emptyDraft())).toThrow('validated draft');
  });
});

describe('server field messages', () => {
  it('places request paths beside form fields and keeps the rest', () => {
    const mapped = mapServerFieldProblems([
      { field: 'enterprise.creditCode', message: '该代码已登记' },
      { field: 'title', message: '标题过短' },
      { field: 'title', message: '含有敏感词' },
      { field: 'body', message: '请求内容过大' },
    ]);

    expect(mapped.fields).toEqual({ creditCode: '该代码已登记', title: '标题过短；含有敏感词' });
    expect(mapped.other).toEqual(['请求内容过大']);
  });
});

describe('category tree options', () => {
  it('orders depth-first by code and marks parents', () => {
    const options = toCategoryOptions([
      { id: 5, code: '0201', name: '办事指南', parentId: 4 },
      { id: 4, code: '02', name: '政务服务', parentId: null },
      { id: 2, code: '0102', name: '审批材料', parentId: 1 },
      { id: 1, code: '01', name: '行政审批', parentId: null },
      { id: 3, code: '0101', name: '审批时限', parentId: 1 },
      { id: 9, code: '09', name: '孤立分类', parentId: 77 },
    ]);

    expect(options.map((option) => [option.category.id, option.depth, option.hasChildren])).toEqual([
      [1, 0, true],
      [3, 1, false],
      [2, 1, false],
      [4, 0, true],
      [5, 1, false],
      [9, 0, false],
    ]);
    expect(options[1].path).toBe('行政审批 / 审批时限');
  });
});

describe('call restored from a status', () => {
  const status = (state: AgentStatus['state']): AgentStatus => ({
    agentId: 'A01',
    state,
    reason: null,
    since: '2025-03-08T01:00:00.000Z',
    callId: pop.callId,
    wrapUpEndsAt: null,
    pop,
  });

  it('shows an unknown call and keeps a known call on hold', () => {
    callStore.set(null);
    expect(restoreCallFromStatus(status('talking'))).toBe(true);
    expect(callStore.get()?.phase).toBe('talking');

    callStore.set({ ...callStore.get()!, phase: 'held' });
    expect(restoreCallFromStatus(status('talking'))).toBe(false);
    expect(callStore.get()?.phase).toBe('held');

    expect(restoreCallFromStatus(status('wrap-up'))).toBe(false);
    expect(callStore.get()?.phase).toBe('ended');
  });

  it('ignores a status without a pop', () => {
    showPop(pop);
    expect(restoreCallFromStatus({ ...status('ready'), pop: null, callId: null })).toBe(false);
    expect(callStore.get()?.pop.callId).toBe('call-7');
  });
});

describe('durations', () => {
  it.each([
    [0, '0秒'],
    [59, '59秒'],
    [65, '1分05秒'],
    [3725, '1小时02分'],
    [-3, '0秒'],
  ])('formats %i seconds as %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
