/**
 * Accessibility of every page the journeys reach (issue 13 item 6; GB/T 37668, which follows WCAG 2.x
 * A/AA): axe-core runs in the page against the WCAG 2.0/2.1/2.2 A and AA rules.
 *
 * Where it runs, without a journey asking: `shot()` (every screenshot), `loginAs()` (the sign-in page,
 * filled in), and, for pages opened with `openPage()`, just before `page.goto()` leaves a page and before
 * `context.close()` — so a page reached only by clicking is checked when the test moves on from it.
 * Each distinct page is checked once per run (a11y-pages.ts keeps the list across test files): its
 * route (ids as `:id`, query parameter names only), phone or desktop width, the title of an open
 * dialog, and, on the work area's home `/app`, who is signed in (each role has its own home).
 *
 * A violation of impact serious or critical fails the test that reached the page (at its end, so the
 * journey goes on and every page it reaches is reported at once), with rule, help, the elements'
 * selectors and the page's URL; moderate and minor ones are printed, not failed.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Elements left out of the check, each because it comes from inside antd and cannot be fixed from
 * this project's code. Only exact selectors, never a rule.
 */
const EXCLUDED: { selector: string; why: string }[] = [];

/** Who signed in on a browser context (set by `loginAs`), for the `/app` home's key. */
export const signedInAs = new WeakMap<BrowserContext, string>();

/**
 * Pages already checked in this run, by any test file (kept in a file by a11y-pages.ts, the global
 * setup: a test file may run in a process of its own). Read at the first check, not at import (the
 * global setup imports the harness too). Without that setup, per process.
 */
let checked: Set<string> | undefined;
let checkedFile: string | undefined;
function checkedPages(): Set<string> {
  if (!checked) {
    checkedFile = inject('a11yCheckedPagesFile') as string | undefined;
    const listed =
      checkedFile && existsSync(checkedFile) ? readFileSync(checkedFile, 'utf8').split('\n') : [];
    checked = new Set(listed.filter(Boolean));
  }
  return checked;
}
function markChecked(key: string) {
  checkedPages().add(key);
  if (checkedFile) appendFileSync(checkedFile, key.replace(/\n/g, ' ') + '\n');
}
function unmarkChecked(key: string) {
  checkedPages().delete(key);
  if (checkedFile) {
    const rest = readFileSync(checkedFile, 'utf8')
      .split('\n')
      .filter((k) => k && k !== key);
    writeFileSync(checkedFile, rest.map((k) => k + '\n').join(''));
  }
}
/** Serious and critical violations found during the current test, reported when it ends. */
export const pendingViolations: string[] = [];
/** Pages checked and time spent, printed per file. */
export const a11yTotals = { pages: 0, ms: 0 };

/** The route with ids as :id and only the names of its query parameters. */
function route(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/\d+(?=\/|$)/g, '/:id').replace(/\/$/, '') || '/';
  const params = [...new Set(u.searchParams.keys())].sort();
  return params.length ? `${path}?${params.join('&')}` : path;
}

async function pageKey(page: Page): Promise<string> {
  const r = route(page.url());
  const phone = (page.viewportSize()?.width ?? 1366) < 768 ? 'phone' : 'desktop';
  const dialog = await page
    .evaluate(() => {
      const open = [...document.querySelectorAll('.ant-modal-wrap, .ant-drawer')].filter(
        (el) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).display !== 'none',
      );
      const title = open
        .at(-1)
        ?.querySelector('.ant-modal-title, .ant-modal-confirm-title, .ant-drawer-title');
      return title?.textContent?.trim() ?? '';
    })
    .catch(() => '');
  const who = r === '/app' ? ` as ${signedInAs.get(page.context()) ?? '?'}` : '';
  return `${r} [${phone}]${dialog ? ` dialog “${dialog}”` : ''}${who}`;
}

/**
 * Waits (a few seconds at most, never failing) for the network, the page's loading placeholders and
 * antd's opening and closing motions: the page is checked as a person reads it, not half drawn.
 */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  const busy = page.locator(
    '[class*="-appear"], [class*="-enter"], [class*="-leave"], .ant-spin-spinning, .ant-skeleton-active',
  );
  for (let i = 0; i < 50; i++) {
    if ((await busy.count().catch(() => 0)) === 0) return;
    await page.waitForTimeout(100);
  }
}

function describeNodes(nodes: axe.NodeResult[]): string {
  const shown = nodes.slice(0, 8).map((n) => {
    const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' ');
    const why = n.failureSummary?.split('\n').slice(1, 2).join('').trim();
    return `      ${target}${why ? ` — ${why}` : ''}`;
  });
  if (nodes.length > shown.length) shown.push(`      …及另外 ${nodes.length - shown.length} 处`);
  return shown.join('\n');
}

/**
 * Runs axe on the page as it is now, once per distinct page (see the file's comment). Serious and
 * critical violations are kept for the end of the test; the rest are printed.
 */
export async function checkA11y(page: Page): Promise<void> {
  if (page.isClosed() || !page.url().startsWith('http')) return;
  const key = await pageKey(page);
  if (checkedPages().has(key)) return;
  markChecked(key);
  const started = Date.now();
  await settle(page);
  // Only violations are reported in full (passes and incomplete checks one node each): faster.
  // (options() replaces what withTags() set: it comes first.)
  let builder = new AxeBuilder({ page, axeSource: axe.source })
    .options({ resultTypes: ['violations'] })
    .withTags(TAGS);
  for (const { selector } of EXCLUDED) builder = builder.exclude(selector);
  let results: axe.AxeResults;
  try {
    results = await builder.analyze();
  } catch (e) {
    // The page went on meanwhile (a navigation the test started): check it when it is reached again.
    unmarkChecked(key);
    throw e;
  }
  a11yTotals.pages++;
  a11yTotals.ms += Date.now() - started;
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const other = results.violations.filter((v) => !blocking.includes(v));
  if (other.length) {
    console.log(
      `无障碍（不阻断）${key} ${page.url()}\n` +
        other.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${describeNodes(v.nodes)}`).join('\n'),
    );
  }
  for (const v of blocking) {
    pendingViolations.push(
      `[${v.impact}] ${v.id}: ${v.help}（${v.helpUrl}）\n    页面：${key} ${page.url()}\n${describeNodes(v.nodes)}`,
    );
  }
}

/**
 * For a page opened with `openPage`: checks it before `page.goto` leaves it and before its context is
 * closed, so pages a journey only clicks through are checked too.
 */
export function checkBeforeLeaving(context: BrowserContext, page: Page) {
  // A page the test itself had already sent elsewhere cannot be checked here: it is left for later.
  const tryCheck = () =>
    checkA11y(page).catch((e: unknown) =>
      console.log(`无障碍检查未能运行（${page.url()}）：${String(e).split('\n')[0]}`),
    );
  const goto = page.goto.bind(page);
  page.goto = async (...args: Parameters<Page['goto']>) => {
    await tryCheck();
    return goto(...args);
  };
  const close = context.close.bind(context);
  context.close = async (...args: Parameters<BrowserContext['close']>) => {
    if (!page.isClosed()) await tryCheck();
    return close(...args);
  };
}
