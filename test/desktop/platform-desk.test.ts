/**
 * The agent desktop in Chromium against the real platform (database with the demo seed, REST
 * API, Socket.IO gateway and the renderer it serves), on SQLite and on MariaDB. Calls come from
 * the server tests' fake hotline, which emits the call-control events the real one would.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CALLER_NUMBER, DEMO_ENTERPRISES } from '../../db/seed/demo-data';
import { DEMO_PASSWORD, seed } from '../../db/seed';
import { loadConfig } from '../../server/config';
import { createPlatform, type Platform } from '../../server/platform';
import { FakeHotline } from '../server/support/fake-hotline';
import { fieldMessage, launchChromium } from './browser';

const WAIT = { timeout: 8000, interval: 50 };
const CALL_ID = 'desk-e2e-call-1';

describe.each(['sqlite', 'mysql'] as const)('agent desktop on the platform (%s)', (dialect) => {
  const databaseName = `mq_t_${randomBytes(6).toString('hex')}`;
  let platform: Platform;
  let hotline: FakeHotline;
  let browser: Browser;
  let page: Page;
  const pageErrors: Error[] = [];

  const text = (label: string) => () => page.getByLabel(label, { exact: true }).first().textContent();
  const agentState = text('坐席状态');
  const callState = text('通话状态');

  beforeAll(async () => {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'desktop-test-secret-that-is-long-enough-for-hs256',
      DB_DIALECT: dialect,
      DB_STORAGE: ':memory:',
      DB_HOST: '127.0.0.1',
      DB_PORT: '3306',
      DB_USER: 'root',
      DB_NAME: databaseName,
      WRAP_UP_S: '60',
    });
    hotline = new FakeHotline();
    platform = await createPlatform({ config, logger: pino({ level: 'silent' }), hotline });
    hotline.usePool(platform.agents);
    await seed(platform.db, { demo: true });
    const { url } = await platform.listen();

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    // Fail a step that waits for a missing element well before the test's own time-out.
    page.setDefaultTimeout(5000);
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(url);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    if (dialect === 'mysql') {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
      await connection.query(`DROP DATABASE IF EXISTS \`${databaseName}\``);
      await connection.end();
    }
  });

  it('rejects a wrong password with the server message', async () => {
    await page.getByLabel('用户名').fill('agent1');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();

    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toBe('用户名或密码错误');
  });

  it('logs in the demo agent and goes ready', async () => {
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(agentState, WAIT).toBe('示忙');

    await page.getByRole('button', { name: '就绪' }).click();
    await expect.poll(agentState, WAIT).toBe('就绪');
    expect(platform.agents.status('agent1')?.state).toBe('ready');
  });

  it('pops an offered call with the matched enterprise and its cases', async () => {
    hotline.startCall(CALL_ID, DEMO_CALLER_NUMBER, 'enterprise');
    expect(hotline.offer(CALL_ID)).toBe('agent1');

    await expect.poll(text('来电号码'), WAIT).toBe(DEMO_CALLER_NUMBER);
    await expect.poll(agentState, WAIT).toBe('振铃');
    expect(await text('语音导航选择')()).toBe('企业服务');
    expect(await page.getByLabel('匹配企业').textContent()).toContain(DEMO_ENTERPRISES[0].name);
    expect(await text('所属乡镇')()).toBe('绿洲街道');
    expect(await page.getByRole('region', { name: '未办结工单' }).textContent()).toContain('夜间频繁停电影响冷库温度');
    expect(await page.getByRole('region', { name: '历史工单' }).textContent()).toContain('咨询冷库扩建项目备案需要哪些材料');
    expect(await page.getByLabel('统一社会信用代码').inputValue()).toBe(DEMO_ENTERPRISES[0].creditCode);
  });

  it('answers and holds the call through call control', async () => {
    hotline.answer(CALL_ID);
    await expect.poll(callState, WAIT).toBe('通话中');

    await page.getByRole('button', { name: '保持' }).click();
    await expect.poll(() => hotline.commands.at(-1), WAIT).toEqual({ command: 'hold', callId: CALL_ID });
    hotline.hold(CALL_ID);
    await expect.poll(callState, WAIT).toContain('保持中');
  });

  it('saves a case that the server numbers and lists', async () => {
    await page.getByLabel('诉求类型').selectOption({ label: '投诉' });
    await page.getByLabel('诉求分类').selectOption({ label: '\u3000不作为慢作为' });
    // Carriers rarely send a caller name, so the agent asks for it.
    await page.getByLabel('诉求人姓名').fill('周建国');
    await page.getByLabel('标题').fill('供电增容申请仍未答复');
    await page.getByLabel('诉求内容').fill('企业再次反映供电增容申请至今未答复，新生产线无法投产，请求督办。');
    await page.getByRole('button', { name: '保存工单' }).click();

    await expect.poll(() => page.getByLabel('保存结果').textContent(), WAIT).toMatch(/MQ\d{8}\d+/);
    const caseNo = /MQ\d+/.exec((await page.getByLabel('保存结果').textContent()) ?? '')![0];
    await expect.poll(() => page.getByRole('region', { name: '最近登记' }).textContent(), WAIT).toContain(caseNo);

    await page.getByLabel('保存结果').getByRole('button', { name: caseNo }).click();
    const dialog = page.getByRole('dialog', { name: '工单详情' });
    await expect.poll(() => dialog.textContent(), WAIT).toContain('处理记录');
    expect(await dialog.textContent()).toContain(DEMO_ENTERPRISES[0].name);
    expect(await dialog.getByRole('list', { name: '处理记录' }).textContent()).toContain('登记工单');
    expect(await dialog.getByRole('list', { name: '处理记录' }).textContent()).toContain('王静');
    await dialog.getByRole('button', { name: '关闭' }).click();
  });

  it('shows the server message for a case the browser cannot check', async () => {
    await page.getByLabel('诉求类型').selectOption({ label: '咨询' });
    await page.getByLabel('诉求分类').selectOption({ label: '\u3000行政审批' });
    await page.getByLabel('诉求人姓名').fill('周建国');
    await page.getByLabel('联系电话').fill(DEMO_CALLER_NUMBER);
    await page.getByLabel('标题').fill('题'.repeat(10));
    await page.getByLabel('诉求内容').fill('咨询');
    // The browser does not know the server's category ids; an id that no longer exists is the server's to reject.
    await page.getByLabel('诉求分类').evaluate((select: HTMLSelectElement) => {
      select.options[select.selectedIndex].value = '99999';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.getByRole('button', { name: '保存工单' }).click();

    const category = page.getByLabel('诉求分类');
    await expect.poll(() => fieldMessage(category), WAIT).toBe('所选诉求分类不存在');
    expect(await category.getAttribute('aria-invalid')).toBe('true');
  });

  it('ends the call into wrap-up and back to ready', async () => {
    hotline.end(CALL_ID, 'caller');

    await expect.poll(callState, WAIT).toBe('通话已结束（来电人挂断）');
    await expect.poll(agentState, WAIT).toBe('话后整理');
    await page.getByRole('button', { name: '结束整理' }).click();
    await expect.poll(agentState, WAIT).toBe('就绪');
    expect(pageErrors).toEqual([]);
  });
});
