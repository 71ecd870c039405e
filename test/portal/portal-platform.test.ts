/**
 * The case screens in Chromium against the real platform (database with the demo seed, REST API
 * and the renderer it serves), on SQLite and on MariaDB. A supervisor dispatches a case chosen
 * from the org tree. The unit handler sees it with a red card, signs for it, contacts the caller
 * and replies with an attachment. The supervisor escalates it, a leader writes an instruction,
 * and the supervisor reviews, calls back and archives it. Then a duplicate is merged, a
 * confidential identity released to the unit, a co-handling unit sends its opinion, and a unit
 * acts on a case moved away meanwhile.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldMessage, launchChromium } from '../desktop/browser';
import { DEMO_PASSWORD } from '../../db/seed';
import { hashPassword } from '../../server/auth/passwords';
import { DIALECTS, startTestPlatform, type TestPlatform } from '../server/support/test-platform';

const WAIT = { timeout: 8000, interval: 50 };
const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');
const REPLY = '经现场核查，申请材料齐全，已于今日办结营业执照变更登记。';

describe.each(DIALECTS)('case screens on the platform (%s)', (dialect) => {
  let test: TestPlatform;
  let folder: string;
  let browser: Browser;
  let page: Page;
  let caseId: number;
  let caseNo: string;
  const pageErrors: Error[] = [];

  const panel = () => page.getByRole('region', { name: '工单办理' });
  const caseState = () => panel().getByLabel('工单状态', { exact: true }).textContent();
  const row = () => page.locator(`tr[data-case-no="${caseNo}"]`);

  async function logIn(username: string) {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  }

  async function logOut() {
    await page.getByRole('button', { name: '退出登录' }).first().click();
    await page.getByLabel('用户名').waitFor();
  }

  async function takeAction(label: string, fill: (form: ReturnType<Page['getByRole']>) => Promise<void> = async () => undefined) {
    await panel().getByRole('toolbar', { name: '可办理操作' }).getByRole('button', { name: label, exact: true }).click();
    const form = panel().getByRole('form', { name: `${label}表单` });
    await fill(form);
    await form.getByRole('button', { name: `确认${label}` }).click();
  }

  /** Registers a case as `token`'s user and returns its id and number. */
  async function registerCase(token: string, fields: { title: string; callerNumber: string; confidential?: boolean }) {
    const categories = await test.request('GET', '/api/categories', { token });
    const created = await test.request('POST', '/api/cases', {
      token,
      body: {
        channel: 'phone',
        kind: 'complaint',
        categoryId: categories.body[1].id,
        callerName: '彭立新',
        callerNumber: fields.callerNumber,
        anonymous: false,
        confidential: fields.confidential ?? false,
        title: fields.title,
        content: `${fields.title}，请尽快处理。`,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: number; caseNo: string };
  }

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'mq-portal-platform-'));
    test = await startTestPlatform(dialect, { env: { ATTACHMENTS_DIR: folder }, serveRenderer: true });
    const agent = await test.login('agent1');
    const categories = await test.request('GET', '/api/categories', { token: agent });
    const created = await test.request('POST', '/api/cases', {
      token: agent,
      body: {
        channel: 'phone',
        kind: 'help',
        categoryId: categories.body[1].id,
        callerName: '韩雪梅',
        callerNumber: '13837060001',
        anonymous: false,
        confidential: false,
        title: '营业执照变更登记迟迟未办',
        content: '企业提交营业执照变更申请已十个工作日，窗口一直未办理，影响招投标。',
      },
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;
    caseNo = created.body.caseNo;

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    page.setDefaultTimeout(5000);
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(test.url);
  });

  afterAll(async () => {
    await browser?.close();
    await test?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('lets a supervisor dispatch to a unit from the org tree', async () => {
    await logIn('monitor1');
    await page.getByLabel('状态筛选').selectOption({ label: '已登记' });
    await row().getByRole('button', { name: caseNo }).click();
    await expect.poll(caseState, WAIT).toBe('已登记');
    // Nothing to merge into: the case has no possible duplicate.
    expect(await panel().getByRole('toolbar', { name: '可办理操作' }).getByRole('button', { name: '并单', exact: true }).count()).toBe(0);

    await takeAction('转办', async (form) => {
      await form.getByLabel('主办单位').selectOption({ label: '\u3000县市场监督管理局' });
      await form.getByLabel('转办意见').fill('请市场监管局核实办理。');
    });

    await expect.poll(caseState, WAIT).toBe('已转办');
    expect(await panel().getByLabel('承办单位', { exact: true }).textContent()).toBe('县市场监督管理局（主办）');
    await logOut();
  });

  it('shows the case in the unit handler inbox with a red card', async () => {
    // Let the sign-for limit pass, as if the unit had left the case lying for days.
    const hour = 3600_000;
    await test.platform.db.models.CaseDeadline.update(
      { warnAt: new Date(Date.now() - 2 * hour), dueAt: new Date(Date.now() - hour) },
      { where: { caseId, stage: 'sign' } },
    );
    await logIn('unit1');

    await expect.poll(() => row().count(), WAIT).toBe(1);
    expect(await row().textContent()).toContain('营业执照变更登记迟迟未办');
    expect(await row().getByText('实名').count()).toBe(1);
    const badge = row().locator('.deadline-badge');
    expect(await badge.textContent()).toBe('红牌');
    expect(await badge.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(220, 38, 38)');
  });

  it('signs for, contacts and replies with an attachment', async () => {
    await row().getByRole('button', { name: caseNo }).click();
    await expect.poll(caseState, WAIT).toBe('已转办');

    await takeAction('签收');
    await expect.poll(caseState, WAIT).toBe('已签收');

    await takeAction('联系诉求人', async (form) => {
      await form.getByLabel('联系方式').selectOption({ label: '电话' });
      await form.getByLabel('联系情况').fill('已电话联系韩雪梅，说明办理进度。');
    });
    await expect.poll(caseState, WAIT).toBe('办理中');

    await takeAction('答复', async (form) => {
      await form.getByLabel('答复内容').fill(REPLY);
      await form.getByLabel('附件').setInputFiles({ name: '变更登记通知书.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    });
    await expect.poll(caseState, WAIT).toBe('已答复');
    expect(await panel().getByRole('list', { name: '附件' }).textContent()).toContain('变更登记通知书.pdf');

    const stored = await test.platform.db.models.Attachment.findAll({ where: { caseId } });
    expect(stored.map((attachment) => attachment.fileName)).toEqual(['变更登记通知书.pdf']);
    const timeline = await panel().getByRole('list', { name: '处理记录' }).textContent();
    expect(timeline).toContain('签收');
    expect(timeline).toContain(REPLY);
    await expect.poll(() => row().count(), WAIT).toBe(0);
    await logOut();
  });

  it('lets a supervisor escalate the case to a leader', async () => {
    await logIn('monitor1');
    await row().getByRole('button', { name: caseNo }).click();
    await takeAction('专报批办', async (form) => {
      await form.getByLabel('专报理由').fill('企业多次反映，请领导批示。');
    });
    const form = panel().getByRole('form', { name: '专报批办表单' });
    await expect.poll(() => fieldMessage(form.getByLabel('批示领导')), WAIT).toBe('请选择批示领导，或勾选“重大事项”报县主要领导');

    await form.getByLabel('批示领导').selectOption({ label: '赵敏' });
    await form.getByRole('button', { name: '确认专报批办' }).click();

    await expect.poll(() => panel().getByRole('status').textContent(), WAIT).toBe('专报批办成功');
    expect(await panel().textContent()).toContain('待领导批示');
    await logOut();
  });

  it('lets the leader instruct on the escalated case', async () => {
    await logIn('leader1');
    await row().getByRole('button', { name: caseNo }).click();
    await takeAction('批示', async (form) => {
      await form.getByLabel('批示内容').fill('请县市场监管局举一反三，优化变更登记流程。');
    });

    await expect.poll(() => panel().getByRole('status').textContent(), WAIT).toBe('批示成功');
    expect(await panel().getByRole('list', { name: '处理记录' }).textContent()).toContain('请县市场监管局举一反三，优化变更登记流程。');
    await logOut();
  });

  it('reviews, calls back with a rating and archives', async () => {
    await logIn('monitor1');
    await page.getByLabel('状态筛选').selectOption({ label: '已答复' });
    await row().getByRole('button', { name: caseNo }).click();
    await expect.poll(caseState, WAIT).toBe('已答复');

    await takeAction('审核通过');
    await expect.poll(caseState, WAIT).toBe('待回访');

    await takeAction('回访', async (form) => {
      await form.getByLabel('诉求人的评价').selectOption({ label: '不满意' });
    });
    const callbackForm = panel().getByRole('form', { name: '回访表单' });
    await expect.poll(() => fieldMessage(callbackForm.getByLabel('回访情况')), WAIT).toBe('诉求人不满意时，请在回访情况中写明不满意的原因');
    expect(await panel().getByRole('alert').textContent()).toBe('诉求人不满意时，请在回访情况中写明不满意的原因');

    await callbackForm.getByLabel('诉求人的评价').selectOption({ label: '满意' });
    await callbackForm.getByRole('button', { name: '确认回访' }).click();
    await expect.poll(caseState, WAIT).toBe('已办结');

    await takeAction('归档');
    await expect.poll(caseState, WAIT).toBe('已归档');
    expect(await panel().getByRole('toolbar', { name: '可办理操作' }).count()).toBe(0);
    await logOut();
  });

  it('offers a duplicate for merging instead of a second dispatch', async () => {
    const agent = await test.login('agent1');
    const first = await registerCase(agent, { title: '厂区周边路灯长期不亮', callerNumber: '13837060003' });
    const second = await registerCase(agent, { title: '厂区周边路灯一直不亮', callerNumber: '13837060003' });
    caseNo = second.caseNo;

    await logIn('monitor1');
    await page.getByLabel('状态筛选').selectOption({ label: '已登记' });
    await row().getByRole('button', { name: caseNo }).click();
    await expect.poll(() => panel().getByRole('list', { name: '疑似重复工单' }).textContent(), WAIT).toContain(first.caseNo);

    await takeAction('并单', async (form) => {
      await form.getByLabel('并入的主工单').selectOption({ label: `${first.caseNo} 厂区周边路灯长期不亮` });
    });

    await expect.poll(caseState, WAIT).toBe('已并单');
    await logOut();
  });

  it('releases a confidential identity to the unit', async () => {
    const agent = await test.login('agent1');
    const unitHandler = await test.login('unit1');
    const created = await registerCase(agent, { title: '举报窗口人员索要好处费', callerNumber: '13837060004', confidential: true });
    caseNo = created.caseNo;
    const units = await test.request('GET', '/api/org-units', { token: agent });
    const market = units.body.find((unit: { code: string }) => unit.code === '0101').id;
    await test.request('POST', `/api/cases/${created.id}/actions`, { token: agent, body: { action: 'dispatch', leadUnitId: market } });
    const before = await test.request('GET', `/api/cases/${created.id}`, { token: unitHandler });
    expect(before.body.callerNumber).not.toBe('13837060004');

    await logIn('monitor1');
    await row().getByRole('button', { name: caseNo }).click();
    await takeAction('公开诉求人身份', async (form) => {
      await form.getByLabel('公开理由').fill('需承办单位当面核实举报细节，举报人已同意。');
    });

    await expect.poll(() => panel().getByRole('status').textContent(), WAIT).toBe('公开诉求人身份成功');
    expect(await panel().getByRole('button', { name: '公开诉求人身份', exact: true }).count()).toBe(0);
    const after = await test.request('GET', `/api/cases/${created.id}`, { token: unitHandler });
    expect(after.body.callerNumber).toBe('13837060004');
    await logOut();
  });

  it('lets a co-handling unit send its opinion to the lead unit', async () => {
    const agent = await test.login('agent1');
    const units = await test.request('GET', '/api/org-units', { token: agent });
    const unitId = (code: string) => units.body.find((unit: { code: string }) => unit.code === code).id;
    await test.platform.db.models.User.create({
      username: 'unit-fgw',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      displayName: '孟凡军',
      role: 'unit-handler',
      orgUnitId: unitId('0102'),
    });
    const created = await registerCase(agent, { title: '产业扶持资金拨付滞后', callerNumber: '13837060005' });
    caseNo = created.caseNo;
    const dispatched = await test.request('POST', `/api/cases/${created.id}/actions`, {
      token: agent,
      body: { action: 'dispatch', leadUnitId: unitId('0101'), coUnitIds: [unitId('0102')] },
    });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);

    await logIn('unit-fgw');
    await expect.poll(() => row().count(), WAIT).toBe(1);
    expect(await row().getByText('协办').count()).toBe(1);
    await row().getByRole('button', { name: caseNo }).click();
    // A co-handling unit works on the case once the lead unit has signed for it.
    await expect.poll(() => panel().textContent(), WAIT).toContain('当前没有您可以进行的操作');
    const signed = await test.request('POST', `/api/cases/${created.id}/actions`, { token: await test.login('unit1'), body: { action: 'sign' } });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    await panel().getByRole('button', { name: '关闭' }).click();
    await row().getByRole('button', { name: caseNo }).click();

    const toolbar = panel().getByRole('toolbar', { name: '可办理操作' });
    await expect.poll(() => toolbar.getByRole('button').allTextContents().catch(() => []), WAIT).toContain('协办答复');
    expect(await toolbar.getByRole('button', { name: '答复', exact: true }).count()).toBe(0);

    await takeAction('协办答复', async (form) => {
      await form.getByLabel('协办意见').fill('资金拨付需财政局会签，发改委已出具意见。');
    });

    await expect.poll(() => panel().getByRole('status').textContent(), WAIT).toBe('协办答复成功');
    expect(await panel().getByRole('list', { name: '处理记录' }).textContent()).toContain('资金拨付需财政局会签，发改委已出具意见。');
    await logOut();
  });

  it("shows the server's message when the case was moved away", async () => {
    const agent = await test.login('agent1');
    const supervisor = await test.login('monitor1');
    const units = await test.request('GET', '/api/org-units', { token: agent });
    const unitId = (code: string) => units.body.find((unit: { code: string }) => unit.code === code).id;
    const categories = await test.request('GET', '/api/categories', { token: agent });
    const created = await test.request('POST', '/api/cases', {
      token: agent,
      body: {
        channel: 'web',
        kind: 'complaint',
        categoryId: categories.body[1].id,
        callerName: '高志强',
        callerNumber: '13837060002',
        anonymous: false,
        confidential: false,
        title: '食品经营许可延续申请被退回三次',
        content: '企业按要求补正材料后仍被退回，窗口未一次性告知需要补正的全部内容。',
      },
    });
    caseNo = created.body.caseNo;
    await test.request('POST', `/api/cases/${created.body.id}/actions`, { token: agent, body: { action: 'dispatch', leadUnitId: unitId('0101') } });

    await logIn('unit1');
    await row().getByRole('button', { name: caseNo }).click();
    await expect.poll(caseState, WAIT).toBe('已转办');
    const moved = await test.request('POST', `/api/cases/${created.body.id}/actions`, {
      token: supervisor,
      body: { action: 'redispatch', leadUnitId: unitId('0102'), reason: '属于发展改革委职责' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    await takeAction('签收');

    await expect.poll(() => panel().getByRole('alert').first().textContent(), WAIT).toBe('您无权办理此工单：它不是您登记或接听的，也没有转办给您的单位或专报给您');
    expect(pageErrors).toEqual([]);
  });
});
