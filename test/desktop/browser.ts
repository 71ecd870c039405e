/**
 * Launches Debian's Chromium for the desktop tests. A missing browser is an error, not a skip,
 * so that a machine without it cannot pass the suite silently.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: the desktop tests need Debian's Chromium (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Returns the text of the message tied to a form control through aria-describedby. */
export async function fieldMessage(control: Locator): Promise<string> {
  return control.evaluate((element) => {
    const id = element.getAttribute('aria-describedby');
    return (id && document.getElementById(id)?.textContent) || '';
  });
}
