/**
 * The units' portal in Chromium against the fake case API: a unit handler's inbox (order,
 * deadline cards, masked identity), signing for, contacting, an extension request, a reply with
 * an attachment, a forbidden action's message, and a leader's instruction. The steps share one
 * page and run in order.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import { fieldMessage, launchChromium } from '../desktop/browser';
import { LEADER, PASSWORD, TAX_UNIT, UNIT_HANDLER, caseNoOf, startFakePortal, type FakePortal } from './fake-portal';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const WAIT = { timeout: 8000, interval: 50 };
const HOUR = 3600_000;
const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');

const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe("units' inbox in Chromium", () => {
  let portal: FakePortal;
  let browser: Browser;
  let page: Page;
  const pageErrors: Error[] = [];

  const inbox = () => page.getByRole('table', { name: '待办工单' });
  const panel = () => page.getByRole('region', { name: '工单办理' });
  const rowOf = (caseId: number) => page.locator(`tr[data-case-no="${caseNoOf(caseId)}"]`);
  const inboxOrder = () => page.locator('tr[data-case-no]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-no')));
  const caseState = () => panel().getByLabel('工单状态', { exact: true }).textContent();
  const lastAction = () => portal.actions.at(-1);

  async function openCase(caseId: number) {
    await rowOf(caseId).getByRole('button', { name: caseNoOf(caseId) }).click();
    await expect.poll(() => panel().getByRole('heading').first().textContent(), WAIT).toContain(caseNoOf(caseId));
  }

  async function startAction(label: string) {
    await panel().getByRole('toolbar', { name: '可办理操作' }).getByRole('button', { name: label, exact: true }).click();
    return panel().getByRole('form', { name: `${label}表单` });
  }

  async function logIn(username: string) {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  }

  beforeAll(async () => {
    portal = await startFakePortal();
    portal.seedCase({ id: 101, title: '厂区门前道路破损影响运输', state: 'dispatched', realName: true, dueAt: at(48 * HOUR), deadlineLevel: 'yellow' });
    portal.seedCase({ id: 102, title: '办证窗口拒绝受理申请材料', state: 'dispatched', realName: true, dueAt: at(-HOUR), deadlineLevel: 'red' });
    portal.seedCase({
      id: 103,
      title: '举报检查人员吃拿卡要',
      state: 'dispatched',
      realName: true,
      confidential: true,
      callerName: '李建华',
      callerNumber: '13937015678',
      dueAt: at(-5 * HOUR),
      deadlineLevel: 'red',
    });
    portal.seedCase({ id: 106, title: '匿名反映园区夜间噪声扰民', state: 'dispatched', realName: false, dueAt: at(-10 * HOUR), deadlineLevel: 'red' });
    portal.seedCase({ id: 104, title: '食品经营许可证办理超时', state: 'dispatched', realName: true, dueAt: at(120 * HOUR), deadlineLevel: 'normal' });
    portal.seedCase({ id: 105, title: '纳税信用等级评定异议', state: 'dispatched', realName: true, dueAt: at(-HOUR), deadlineLevel: 'red', leadUnitId: TAX_UNIT.id });
    portal.seedCase({
      id: 201,
      title: '重点项目用地审批久拖不决',
      state: 'in-progress',
      realName: true,
      dueAt: at(-24 * HOUR),
      deadlineLevel: 'red',
      leadUnitId: TAX_UNIT.id,
      escalatedToUserId: LEADER.id,
    });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    page.setDefaultTimeout(5000);
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(portal.baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('lists real-name cases first, then by due date', async () => {
    await logIn(UNIT_HANDLER.username);

    await expect.poll(inboxOrder, WAIT).toEqual([caseNoOf(103), caseNoOf(102), caseNoOf(101), caseNoOf(104), caseNoOf(106)]);
    expect(await page.getByRole('region', { name: '本单位待办工单' }).textContent()).toContain('共 5 件');
    expect(await rowOf(102).getByText('实名').count()).toBe(1);
    expect(await rowOf(106).getByText('实名').count()).toBe(0);
  });

  it('colours overdue cases red and due-soon cases yellow', async () => {
    const badge = (caseId: number) => rowOf(caseId).locator('.deadline-badge');
    const background = (caseId: number) => badge(caseId).evaluate((element) => getComputedStyle(element).backgroundColor);

    expect(await badge(102).textContent()).toBe('红牌');
    expect(await background(102)).toBe('rgb(220, 38, 38)');
    expect(await badge(101).textContent()).toBe('黄牌');
    expect(await background(101)).toBe('rgb(250, 204, 21)');
    expect(await badge(106).textContent()).toBe('红牌');
    expect(await badge(104).count()).toBe(0);
    expect(await rowOf(101).locator('.queue-due').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('shows a live red card from the scheduler', async () => {
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('.deadline-badge').length), WAIT).toBeGreaterThan(0);
    portal.changeDeadline(104, 'red');

    const notices = page.getByRole('region', { name: '时限提醒' });
    await expect.poll(() => notices.textContent().catch(() => ''), WAIT).toContain(`工单 ${caseNoOf(104)}「食品经营许可证办理超时」办结已超期（红牌）`);
    await expect.poll(() => rowOf(104).locator('.deadline-badge').textContent().catch(() => ''), WAIT).toBe('红牌');

    await notices.getByRole('button', { name: '知道了' }).click();
    expect(await notices.count()).toBe(0);
  });

  it("masks a confidential reporter's identity", async () => {
    await openCase(103);

    const reporter = await panel().getByLabel('诉求人', { exact: true }).textContent();
    expect(reporter).toContain('李**');
    expect(reporter).toContain('139****5678');
    expect(reporter).toContain('身份保密');
    expect(await page.content()).not.toContain('李建华');
  });

  it('signs for a dispatched case', async () => {
    await openCase(101);
    expect(await caseState()).toBe('已转办');

    const form = await startAction('签收');
    await form.getByRole('button', { name: '确认签收' }).click();

    await expect.poll(caseState, WAIT).toBe('已签收');
    expect(await panel().getByRole('status').textContent()).toBe('签收成功');
    expect(lastAction()).toEqual({ caseId: 101, body: { action: 'sign', version: 1 } });
    expect(await panel().getByRole('list', { name: '处理记录' }).textContent()).toContain('签收');
    await expect.poll(() => rowOf(101).locator('td').nth(2).textContent(), WAIT).toBe('已签收');
  });

  it('saves a screenshot of the inbox with an open case', async () => {
    await startAction('联系诉求人');
    await mkdir(ARTIFACTS, { recursive: true });

    const file = path.join(ARTIFACTS, 'unit-inbox.png');
    await page.screenshot({ path: file });
    expect((await stat(file)).size).toBeGreaterThan(0);
    await panel().getByRole('form', { name: '联系诉求人表单' }).getByRole('button', { name: '取消' }).click();
  });

  it('asks for the reason before a return is sent', async () => {
    const sent = portal.actions.length;
    const form = await startAction('退单');

    await form.getByRole('button', { name: '确认退单' }).click();

    expect(await fieldMessage(form.getByLabel('退单原因'))).toBe('请填写退单原因');
    expect(portal.actions).toHaveLength(sent);
    await form.getByRole('button', { name: '取消' }).click();
  });

  it('records contacting the caller', async () => {
    const form = await startAction('联系诉求人');
    await form.getByLabel('联系方式').selectOption({ label: '电话' });
    await form.getByLabel('联系情况').fill('已电话联系周建国，约定明日现场查看道路。');
    await form.getByRole('button', { name: '确认联系诉求人' }).click();

    await expect.poll(caseState, WAIT).toBe('办理中');
    expect(lastAction()?.body).toEqual({ action: 'contact', version: 2, method: 'phone', note: '已电话联系周建国，约定明日现场查看道路。' });
  });

  it('requests an extension with days and reason', async () => {
    const form = await startAction('申请延期');
    await form.getByLabel('延期工作日数').fill('3');
    await form.getByLabel('延期理由').fill('需协调交通运输局共同施工。');
    await form.getByRole('button', { name: '确认申请延期' }).click();

    await expect.poll(() => panel().getByRole('status').textContent(), WAIT).toBe('申请延期成功');
    expect(lastAction()?.body).toEqual({ action: 'request-extension', version: 3, workingDays: 3, reason: '需协调交通运输局共同施工。' });
    expect(await panel().textContent()).toContain('延期待审批');
  });

  it('keeps the reply when an attachment type is rejected', async () => {
    const sent = portal.actions.length;
    const form = await startAction('答复');
    await form.getByLabel('答复内容').fill('道路已修复，企业运输恢复正常。');
    await form.getByLabel('附件').setInputFiles({ name: 'virus.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00') });
    await form.getByRole('button', { name: '确认答复' }).click();

    const expected = '不支持附件“virus.exe”的文件类型，只能上传PDF、图片（JPG、PNG）、Word、Excel 或文本文件（TXT）';
    await expect.poll(() => fieldMessage(form.getByLabel('附件')), WAIT).toBe(expected);
    expect(await panel().getByRole('alert').textContent()).toBe(expected);
    expect(portal.actions).toHaveLength(sent);
    expect(await form.getByLabel('答复内容').inputValue()).toBe('道路已修复，企业运输恢复正常。');
  });

  it("shows a Chinese message for a proxy's 413 page", async () => {
    const sent = portal.actions.length;
    const form = panel().getByRole('form', { name: '答复表单' });
    portal.rejectNextUploadAsProxy();
    await form.getByLabel('附件').setInputFiles({ name: '现场视频截图.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    await form.getByRole('button', { name: '确认答复' }).click();

    await expect.poll(() => fieldMessage(form.getByLabel('附件')), WAIT).toBe('上传的内容过大，请缩小或拆分文件后重试');
    expect(portal.actions).toHaveLength(sent);
  });

  it('replies with an attachment, uploaded once across a retry', async () => {
    const form = panel().getByRole('form', { name: '答复表单' });
    const problem = '答复内容不能少于 10 个字';
    portal.failNextActionWith(new AppError('VALIDATION_FAILED', 400, problem, [{ field: 'reply', message: problem }]));
    await form.getByLabel('附件').setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    await form.getByRole('button', { name: '确认答复' }).click();

    await expect.poll(() => fieldMessage(form.getByLabel('答复内容')), WAIT).toBe(problem);
    expect(portal.uploads).toEqual(['整改报告.pdf']);
    await form.getByRole('button', { name: '确认答复' }).click();

    await expect.poll(caseState, WAIT).toBe('已答复');
    expect(portal.uploads).toEqual(['整改报告.pdf']);
    expect(lastAction()?.body).toEqual({ action: 'reply', version: 4, reply: '道路已修复，企业运输恢复正常。' });
    expect(await panel().getByRole('list', { name: '附件' }).textContent()).toContain('整改报告.pdf');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel().getByRole('list', { name: '附件' }).getByRole('button', { name: '整改报告.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('整改报告.pdf');
    const downloaded = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of downloaded) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(PDF_BYTES);
    // A replied case has left the unit's hands.
    await expect.poll(inboxOrder, WAIT).toEqual([caseNoOf(103), caseNoOf(102), caseNoOf(104), caseNoOf(106)]);
  });

  it("shows the server's Chinese message for a forbidden action", async () => {
    await openCase(104);
    portal.redispatchQuietly(104, TAX_UNIT.id);

    const form = await startAction('签收');
    await form.getByRole('button', { name: '确认签收' }).click();

    await expect.poll(() => panel().getByRole('alert').first().textContent(), WAIT).toBe('该工单没有转办给本单位，不能签收');
    expect(portal.state(104)).toBe('dispatched');
  });

  it("lets a leader write an instruction on an escalated case", async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(LEADER.username);

    const list = page.getByRole('table', { name: '专报工单' });
    await expect.poll(() => list.locator('tr[data-case-no]').count(), WAIT).toBe(1);
    await openCase(201);
    const form = await startAction('批示');
    await form.getByRole('button', { name: '确认批示' }).click();
    expect(await fieldMessage(form.getByLabel('批示内容'))).toBe('请填写批示内容');

    await form.getByLabel('批示内容').fill('请县自然资源局三日内拿出解决方案，县政府督查室跟踪督办。');
    await form.getByRole('button', { name: '确认批示' }).click();

    await expect.poll(() => panel().getByRole('status').textContent(), WAIT).toBe('批示成功');
    expect(lastAction()).toEqual({ caseId: 201, body: { action: 'instruct', version: 1, instruction: '请县自然资源局三日内拿出解决方案，县政府督查室跟踪督办。' } });
    await expect.poll(() => page.getByRole('region', { name: '专报批办工单' }).textContent(), WAIT).toContain('暂无专报给您的工单');
    expect(pageErrors).toEqual([]);
  });
});
