/** A unit's inbox longer than one page, in Chromium against the fake case API. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../agent-desktop/renderer/portal/CasePortal';
import { launchChromium } from '../desktop/browser';
import { PASSWORD, UNIT_HANDLER, caseNoOf, startFakePortal, type FakePortal } from './fake-portal';

const WAIT = { timeout: 8000, interval: 50 };
const CASE_COUNT = PAGE_SIZE + 7;

describe('inbox paging in Chromium', () => {
  let portal: FakePortal;
  let browser: Browser;
  let page: Page;

  const rows = () => page.locator('tr[data-case-no]');

  beforeAll(async () => {
    portal = await startFakePortal();
    for (let index = 0; index < CASE_COUNT; index++) {
      const dueAt = new Date(Date.UTC(2026, 11, 10, 0, index)).toISOString();
      portal.seedCase({ id: 300 + index, title: `企业诉求 ${index + 1}`, state: 'dispatched', realName: true, dueAt, deadlineLevel: 'normal' });
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    page.setDefaultTimeout(5000);
    await page.goto(portal.baseUrl);
    await page.getByLabel('用户名').fill(UNIT_HANDLER.username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('shows the first page and the total', async () => {
    await expect.poll(() => rows().count(), WAIT).toBe(PAGE_SIZE);
    expect(await page.getByRole('button', { name: `加载更多（已显示 ${PAGE_SIZE} / ${CASE_COUNT} 件）` }).count()).toBe(1);
  });

  it('loads the rest in order on request', async () => {
    await page.getByRole('button', { name: /加载更多/ }).click();

    await expect.poll(() => rows().count(), WAIT).toBe(CASE_COUNT);
    expect(await rows().last().getAttribute('data-case-no')).toBe(caseNoOf(300 + CASE_COUNT - 1));
    expect(await page.getByRole('button', { name: /加载更多/ }).count()).toBe(0);
  });
});
