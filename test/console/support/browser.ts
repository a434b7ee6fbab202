import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots for a person to look at (git-ignored); CONSOLE_SCREENSHOTS_TO_DOCS=1 also refreshes docs/console/. */
export const SCREENSHOT_DIR = join(ROOT, 'tmp/console');
const DOCS_DIR = join(ROOT, 'docs/console');

/** Jest picks describe or describe.skip while loading the file; a machine without Chromium says so once. */
export const describeInChromium = (title: string, body: () => void) => {
  if (existsSync(CHROMIUM)) return describe(title, body);
  process.stderr.write(`[skipped] ${title}: no Chromium at ${CHROMIUM} (apt-get install -y chromium)\n`);
  return describe.skip(title, body);
};

/** Builds the console as `npm run build` does, so the tests see the current sources. */
export const buildConsole = (outDir?: string): string =>
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/console/vite.config.mts',
      ...(outDir ? ['--outDir', outDir] : []),
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

export type Chromium = Readonly<{ context: BrowserContext; close: () => Promise<void> }>;

/** Debian's Chromium, headless, on a new empty profile: no downloads, no sync, no first-run. */
export const launchChromium = async (): Promise<Chromium> => {
  const profile = mkdtempSync(join(tmpdir(), 'credence-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

type Violation = Readonly<{
  id: string;
  impact: string | null;
  help: string;
  nodes: readonly { target: unknown }[];
}>;

/** axe-core run inside the page; returns the serious and critical violations only. */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  // Evaluated over the DevTools protocol, which the console's CSP (no inline scripts) does not govern.
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.evaluate(axe.source);
  // A string, so this Node-side file needs no DOM types: it runs in the page.
  const violations = await page.evaluate<
    Violation[]
  >(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target })) })))`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
};

export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.CONSOLE_SCREENSHOTS_TO_DOCS === '1') {
    mkdirSync(DOCS_DIR, { recursive: true });
    copyFileSync(file, join(DOCS_DIR, `${name}.png`));
  }
};

/** Pixels of one colour on a canvas: a bar chart's bars are painted in its series colours, axes are not. */
export const pixelsOfColour = (
  page: Page,
  selector: string,
  rgb: readonly [number, number, number],
): Promise<number> =>
  page.$eval(
    selector,
    (canvas, [r, g, b]) => {
      type Canvas = {
        width: number;
        height: number;
        getContext: (kind: '2d') => { getImageData: (...box: number[]) => { data: Uint8ClampedArray } };
      };
      const c = canvas as unknown as Canvas;
      const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let count = 0;
      for (let i = 0; i < pixels.length; i += 4)
        if (pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b && pixels[i + 3] === 255) count++;
      return count;
    },
    rgb,
  );
