/**
 * The public intake and progress pages in Chromium: an enterprise submits a matter without an
 * account, sees the credit code checked in Chinese, receives its case number and query code,
 * and follows the case on the progress page. Runs on SQLite only, because the database side
 * of both pages is tested on both dialects in public-intake.test.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../../server/domain/credit-code';
import { launchChromium } from '../desktop/browser';
import { startTestPlatform, type TestPlatform } from '../server/support/test-platform';

describe('public pages in Chromium', () => {
  let test: TestPlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    test = await startTestPlatform('sqlite');
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await test?.stop();
  });

  const problemOf = (field: string) => page.locator(`[data-field="${field}"] .problem`);

  it('submits a matter and shows its progress', async () => {
    const creditCode = completeCreditCode('91411421MA9JHM001');
    const wrongCheckCharacter = creditCode.slice(0, 17) + (creditCode[17] === '0' ? '1' : '0');
    await page.goto(`${test.url}/intake`);
    await page.fill('[name=enterpriseName]', '民权县金穗面粉有限公司');
    await page.fill('[name=creditCode]', wrongCheckCharacter);
    await page.fill('[name=contactName]', '高先生');
    await page.fill('[name=contactPhone]', '13598765432');
    await page.selectOption('[name=kind]', 'help');
    await page.fill('[name=title]', '申请办理排污许可');
    await page.fill('[name=content]', '新建生产线需要办理排污许可证，不清楚需要哪些材料。');

    await page.click('button[type=submit]');
    await expect.poll(() => problemOf('creditCode').textContent()).toBe('统一社会信用代码校验位不正确，请核对');
    expect(await page.locator('#receipt').isHidden()).toBe(true);

    await page.fill('[name=creditCode]', creditCode);
    await page.click('button[type=submit]');
    await page.locator('#receipt').waitFor({ state: 'visible' });
    const caseNo = (await page.locator('#receipt-case-no').textContent()) ?? '';
    const queryCode = (await page.locator('#receipt-query-code').textContent()) ?? '';
    expect(caseNo).toMatch(/^MQ\d{12}$/);
    expect(queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);

    await page.goto(`${test.url}/progress`);
    await page.fill('[name=caseNo]', caseNo);
    await page.fill('[name=queryCode]', queryCode);
    await page.click('button[type=submit]');
    await page.locator('#progress').waitFor({ state: 'visible' });
    expect(await page.locator('#progress-state').textContent()).toBe('已登记');
    expect(await page.locator('#progress-title').textContent()).toBe('申请办理排污许可');
    expect(await page.locator('#progress-timeline li').count()).toBe(1);
  });

  it('checks the credit code when the field is left', async () => {
    await page.goto(`${test.url}/intake`);
    await page.fill('[name=creditCode]', '123');
    await page.locator('[name=contactName]').focus();

    await expect.poll(() => problemOf('creditCode').textContent()).toBe('统一社会信用代码应为18位');
  });

  it('shows one message for a wrong query code', async () => {
    await page.goto(`${test.url}/progress`);
    await page.fill('[name=caseNo]', 'MQ209901010001');
    await page.fill('[name=queryCode]', 'AAAAAAAA');
    await page.click('button[type=submit]');

    await expect.poll(() => page.locator('.form-problem').textContent()).toBe('工单编号或查询码不正确，请核对后重试');
    expect(await page.locator('#progress').isHidden()).toBe(true);
  });
});
