/**
 * The agent desktop in Chromium against the fake platform: one agent's shift from login to a
 * saved case, a reconnect and an expired login. The steps share one page and run in order.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenPop } from '../../server/realtime/socket-events';
import { fieldMessage, launchChromium } from './browser';
import { AGENT_PASSWORD, AGENT_USER, STORED_ENTERPRISE, startFakePlatform, type FakePlatform } from './fake-platform';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const WAIT = { timeout: 8000, interval: 50 };

const VALID_NEW_CREDIT_CODE = '92411421MA9XK3LP1Q';
const WRONG_CHECK_CREDIT_CODE = '92411421MA9XK3LP1A';

const OPEN_CASE = {
  id: 12,
  caseNo: 'MQ202503010007',
  state: 'in-progress' as const,
  kind: 'help' as const,
  channel: 'phone' as const,
  title: '厂房用地审批进度',
  createdAt: '2025-03-01T02:15:00.000Z',
};
const CLOSED_CASE = {
  id: 11,
  caseNo: 'MQ202502100003',
  state: 'closed' as const,
  kind: 'consultation' as const,
  channel: 'phone' as const,
  title: '咨询营业执照变更',
  createdAt: '2025-02-10T06:40:00.000Z',
};

const FIRST_POP: ScreenPop = {
  callId: 'call-1',
  callerNumber: '13937012345',
  callerName: '李建国',
  ivrChoice: 'enterprise',
  waitSeconds: 65,
  enterprise: STORED_ENTERPRISE,
  earlierCases: [OPEN_CASE, CLOSED_CASE],
  openCases: [OPEN_CASE],
  repeatCaller: true,
  offeredAt: new Date().toISOString(),
};

const SECOND_POP: ScreenPop = {
  callId: 'call-2',
  callerNumber: '03707654321',
  callerName: '',
  ivrChoice: 'general',
  waitSeconds: 12,
  enterprise: null,
  earlierCases: [],
  openCases: [],
  repeatCaller: false,
  offeredAt: new Date().toISOString(),
};

describe('agent desktop workspace', () => {
  let platform: FakePlatform;
  let browser: Browser;
  let page: Page;
  const requestedUrls: string[] = [];
  const pageErrors: Error[] = [];

  const text = (label: string) => () => page.getByLabel(label, { exact: true }).first().textContent();
  const agentState = text('坐席状态');
  const connection = text('连接状态');
  const callState = text('通话状态');

  beforeAll(async () => {
    platform = await startFakePlatform();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1680, height: 1000 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('request', (request) => requestedUrls.push(request.url()));
    // Fail a step that waits for a missing element well before the test's own time-out.
    page.setDefaultTimeout(5000);
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(platform.baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('asks for a username before sending the login', async () => {
    await page.getByRole('button', { name: '登录', exact: true }).click();

    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toBe('请输入用户名');
  });

  it('shows 用户名或密码错误 for a wrong password', async () => {
    await page.getByLabel('用户名').fill(AGENT_USER.username);
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();

    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toBe('用户名或密码错误');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('logs in and shows the state the server sent', async () => {
    await page.getByLabel('密码').fill(AGENT_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();

    await expect.poll(agentState, WAIT).toContain('示忙');
    await expect.poll(connection, WAIT).toBe('已连接');
    expect(await page.getByText(AGENT_USER.displayName).count()).toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem('mq12345.token'))).toMatch(/^token-/);
  });

  it('goes ready, then not ready with the picked reason', async () => {
    await page.getByRole('button', { name: '就绪' }).click();
    await expect.poll(agentState, WAIT).toBe('就绪');

    await page.getByLabel('示忙原因').selectOption({ label: '用餐' });
    await page.getByRole('button', { name: '示忙' }).click();
    await expect.poll(agentState, WAIT).toBe('示忙（用餐）');
    expect(platform.received.at(-1)).toEqual({ event: 'agent:set-state', request: { state: 'not-ready', reason: 'meal' } });

    await page.getByRole('button', { name: '就绪' }).click();
    await expect.poll(agentState, WAIT).toBe('就绪');
    expect(platform.received.at(-1)).toEqual({ event: 'agent:set-state', request: { state: 'ready' } });
  });

  it('pops the call with caller, IVR choice, wait, enterprise and history', async () => {
    platform.ringAgent(FIRST_POP);

    await expect.poll(text('来电号码'), WAIT).toBe('13937012345');
    await expect.poll(agentState, WAIT).toBe('振铃');
    expect(await text('来电人')()).toBe('李建国');
    expect(await text('语音导航选择')()).toBe('企业服务');
    expect(await text('等待时长')()).toBe('1分05秒');
    expect(await text('企业信用代码')()).toBe(STORED_ENTERPRISE.creditCode);
    expect(await text('企业地址')()).toBe(STORED_ENTERPRISE.address);
    expect(await text('所属乡镇')()).toBe('城关镇');
    expect(await page.getByLabel('匹配企业').textContent()).toContain(STORED_ENTERPRISE.name);
    expect(await page.getByLabel('重复来电').isVisible()).toBe(true);

    const openCases = page.getByRole('region', { name: '未办结工单' });
    expect(await openCases.textContent()).toContain(OPEN_CASE.caseNo);
    expect(await openCases.textContent()).not.toContain(CLOSED_CASE.caseNo);
    const earlierCases = page.getByRole('region', { name: '历史工单' });
    expect(await earlierCases.textContent()).toContain(CLOSED_CASE.caseNo);
    expect(await earlierCases.textContent()).not.toContain(OPEN_CASE.caseNo);
  });

  it('fills the case form from the pop', async () => {
    expect(await page.getByLabel('来源渠道').inputValue()).toBe('phone');
    expect(await page.getByLabel('联系电话').inputValue()).toBe('13937012345');
    expect(await page.getByLabel('诉求人姓名').inputValue()).toBe('李建国');
    expect(await page.getByLabel('统一社会信用代码').inputValue()).toBe(STORED_ENTERPRISE.creditCode);
    expect(await page.getByLabel('企业名称').inputValue()).toBe(STORED_ENTERPRISE.name);
    expect(await page.getByLabel('统一社会信用代码').getAttribute('readonly')).not.toBeNull();
  });

  it('holds and resumes the answered call through acked requests', async () => {
    platform.answerCall('call-1');
    await expect.poll(callState, WAIT).toBe('通话中');
    await expect.poll(agentState, WAIT).toBe('通话中');

    await page.getByRole('button', { name: '保持' }).click();
    await expect.poll(callState, WAIT).toContain('保持中');
    expect(platform.received.at(-1)).toEqual({ event: 'call:hold', request: { callId: 'call-1' } });

    await page.getByRole('button', { name: '恢复' }).click();
    await expect.poll(callState, WAIT).toBe('通话中');
    expect(platform.received.at(-1)).toEqual({ event: 'call:resume', request: { callId: 'call-1' } });
  });

  it('saves a screenshot of the workspace with a pop', async () => {
    await page.getByLabel('诉求类型').selectOption({ label: '求助' });
    await page.getByLabel('诉求分类').selectOption({ label: '\u3000审批时限' });
    await page.getByLabel('标题').fill('厂房用地审批超过承诺时限');
    await mkdir(ARTIFACTS, { recursive: true });

    const file = path.join(ARTIFACTS, 'workspace-with-pop.png');
    await page.screenshot({ path: file });
    expect(file).toMatch(/\.png$/);
  });

  it('blocks saving without content and says so beside the field', async () => {
    await page.getByRole('button', { name: '保存工单' }).click();

    const content = page.getByLabel('诉求内容');
    await expect.poll(() => fieldMessage(content), WAIT).toBe('请填写诉求内容');
    expect(await content.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').filter({ hasText: '请按提示修改' }).count()).toBe(1);
    expect(platform.createdCaseRequests).toHaveLength(0);
  });

  it('checks the credit code of a new enterprise in the browser', async () => {
    await page.getByRole('button', { name: '更换企业' }).click();
    const creditCode = page.getByLabel('统一社会信用代码');
    expect(await creditCode.inputValue()).toBe('');

    await creditCode.fill('91411421');
    await creditCode.blur();
    await expect.poll(() => fieldMessage(creditCode), WAIT).toBe('统一社会信用代码应为18位');

    await creditCode.fill(WRONG_CHECK_CREDIT_CODE.toLowerCase());
    expect(await creditCode.inputValue()).toBe(WRONG_CHECK_CREDIT_CODE);
    await expect.poll(() => fieldMessage(creditCode), WAIT).toBe('统一社会信用代码校验位不正确，请核对');

    await page.getByLabel('企业名称').fill('民权县新丰食品有限公司');
    await page.getByLabel('诉求内容').fill('企业反映厂房用地审批材料已于上月提交，至今未收到审批结果，请相关部门尽快办理。');
    await page.getByRole('button', { name: '保存工单' }).click();
    await expect.poll(() => fieldMessage(creditCode), WAIT).toBe('统一社会信用代码校验位不正确，请核对');
    expect(platform.createdCaseRequests).toHaveLength(0);
  });

  it('shows the server field message of a rejected save beside its field', async () => {
    const creditCode = page.getByLabel('统一社会信用代码');
    await creditCode.fill(VALID_NEW_CREDIT_CODE);
    await expect.poll(() => fieldMessage(creditCode), WAIT).toBe('未找到该企业，保存工单时将新建企业档案');

    platform.failNextCaseWith({
      status: 400,
      error: {
        code: 'VALIDATION_FAILED',
        message: '企业名称与登记信息不一致',
        fields: [{ field: 'enterprise.name', message: '企业名称与登记信息不一致' }],
      },
    });
    await page.getByRole('button', { name: '保存工单' }).click();

    const name = page.getByLabel('企业名称');
    await expect.poll(() => fieldMessage(name), WAIT).toBe('企业名称与登记信息不一致');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(platform.createdCaseRequests).toHaveLength(1);
  });

  it('saves the case and shows its number in the recent list', async () => {
    await page.getByLabel('企业名称').fill('民权县新丰食品有限公司');
    await page.getByRole('button', { name: '保存工单' }).click();

    await expect.poll(() => page.getByLabel('保存结果').textContent(), WAIT).toContain('MQ202503080101');
    const recent = page.getByRole('region', { name: '最近登记' });
    await expect.poll(() => recent.textContent(), WAIT).toContain('MQ202503080101');
    expect(await recent.textContent()).toContain('厂房用地审批超过承诺时限');

    expect(platform.createdCaseRequests.at(-1)).toEqual({
      channel: 'phone',
      kind: 'help',
      categoryId: 2,
      enterprise: { name: '民权县新丰食品有限公司', creditCode: VALID_NEW_CREDIT_CODE },
      callerName: '李建国',
      callerNumber: '13937012345',
      anonymous: false,
      confidential: false,
      title: '厂房用地审批超过承诺时限',
      content: '企业反映厂房用地审批材料已于上月提交，至今未收到审批结果，请相关部门尽快办理。',
      callId: 'call-1',
    });
    expect(await page.getByLabel('诉求内容').inputValue()).toBe('');
    // The caller is still on the line, so a second matter starts from the caller's details.
    expect(await page.getByLabel('联系电话').inputValue()).toBe('13937012345');
  });

  it('opens the saved case with its timeline', async () => {
    await page.getByRole('region', { name: '最近登记' }).getByRole('button').first().click();

    const dialog = page.getByRole('dialog', { name: '工单详情' });
    await expect.poll(() => dialog.textContent(), WAIT).toContain('处理记录');
    expect(await dialog.textContent()).toContain('MQ202503080101');
    expect(await dialog.textContent()).toContain('审批时限');
    expect(await dialog.getByRole('list', { name: '处理记录' }).textContent()).toContain('登记工单');
    expect(await dialog.textContent()).toContain('已告知来电人办理时限');

    await dialog.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => dialog.isVisible(), WAIT).toBe(false);
  });

  it('hangs up, counts down the wrap-up and ends it early', async () => {
    await page.getByRole('button', { name: '挂断' }).click();

    await expect.poll(callState, WAIT).toBe('通话已结束（受理员挂断）');
    await expect.poll(agentState, WAIT).toBe('话后整理');
    expect(await page.getByRole('timer', { name: '整理剩余时间' }).textContent()).toMatch(/^整理剩余 \d+ 秒$/);

    await page.getByRole('button', { name: '结束整理' }).click();
    await expect.poll(agentState, WAIT).toBe('就绪');
    expect(await page.getByRole('timer').count()).toBe(0);
  });

  it('reconnects after an outage and shows the current state and pop again', async () => {
    platform.rejectConnections(true);
    platform.dropConnections();
    await expect.poll(connection, WAIT).toContain('连接中断');

    platform.setStatusQuietly({ state: 'talking', callId: SECOND_POP.callId, pop: SECOND_POP });
    platform.rejectConnections(false);

    await expect.poll(connection, { ...WAIT, timeout: 20_000 }).toBe('已连接');
    await expect.poll(agentState, WAIT).toBe('通话中');
    expect(await text('来电号码')()).toBe(SECOND_POP.callerNumber);
    expect(await callState()).toBe('通话中');
    expect(await page.getByLabel('联系电话').inputValue()).toBe(SECOND_POP.callerNumber);
  }, 30_000);

  it('keeps the login over a page reload', async () => {
    await page.reload();

    await expect.poll(agentState, WAIT).toBe('通话中');
    await expect.poll(connection, WAIT).toBe('已连接');
  });

  it('returns to the login screen when the token is no longer accepted', async () => {
    platform.revokeTokens();
    platform.dropConnections();

    await expect.poll(() => page.getByRole('button', { name: '登录', exact: true }).count(), WAIT).toBe(1);
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toBe('登录已失效，请重新登录');
    expect(await page.evaluate(() => sessionStorage.getItem('mq12345.token'))).toBeNull();
  });

  it('loads nothing from other hosts and raises no page errors', () => {
    const foreign = requestedUrls.filter((url) => !url.startsWith(`${platform.baseUrl}/`) && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
