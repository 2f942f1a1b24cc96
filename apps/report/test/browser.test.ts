/**
 * Browser tests of the built site: the report is built from the fixture directory (CORESWEEP_REPORT_FIXTURES, by
 * default test/fixtures) under the base /coresweep-test/, served on 127.0.0.1 by a tiny static server that answers
 * only under that base, and driven with Debian's Chromium through playwright-core. Without /usr/bin/chromium the
 * suite is skipped, unless CORESWEEP_REQUIRE_BROWSER=1, in which case it fails.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { machineIdentity, type ResultFile } from '@coresweep/core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRuns } from '../src/lib/load';
import { machinesOf, workloadsAcrossMachines } from '../src/lib/machines';
import { readResultDirectory } from '../src/lib/read-results.mjs';
import { workloadsOf, workloadView } from '../src/lib/view';
import { buildReportCli } from './support/cli';
import { fixturesDir } from './support/fixtures';
import { serveStatic } from './support/static-server.mjs';

/** Debian's Chromium; CORESWEEP_CHROMIUM points elsewhere (used to check the skip and require paths). */
const CHROMIUM = process.env.CORESWEEP_CHROMIUM ?? '/usr/bin/chromium';
const BASE = '/coresweep-test/';
const fixtures = fixturesDir;
const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const screenshotPath = join(repoRoot, 'test-artifacts', 'report-run-page.png');
const hasChromium = existsSync(CHROMIUM);
const requireBrowser = process.env.CORESWEEP_REQUIRE_BROWSER === '1';

if (!hasChromium) {
  const message = `${CHROMIUM} not found: browser tests of the report skipped (install Debian's chromium package; set CORESWEEP_REQUIRE_BROWSER=1 to make this a failure)`;
  if (requireBrowser) {
    describe('report in a browser', () => {
      it('needs Chromium (CORESWEEP_REQUIRE_BROWSER=1)', () => {
        throw new Error(`${CHROMIUM} not found and CORESWEEP_REQUIRE_BROWSER=1`);
      });
    });
  } else {
    console.warn(message);
    describe.skip(`report in a browser (${message})`, () => {
      it('skipped', () => {});
    });
  }
} else {
  // The crawl and chart tests open every page of the built site in one Chromium on two shared cores: their time grows
  // with the number of pages and the machine's load (15 s idle, over a minute seen under heavy load), so the budget
  // of each test here is sized for the whole site rather than the suite's default for one process.
  describe('report in a browser', { timeout: 240_000 }, () => {
    let work: string;
    let site: string;
    let server: Awaited<ReturnType<typeof serveStatic>>;
    let browser: Browser;
    let buildStderr: string;
    let builtIndex: string;
    /** Every file of the results directory the site is built from, as the report reads them. */
    let files: ReturnType<typeof readResultDirectory>['files'];

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'coresweep-report-browser-'));
      const results = join(work, 'results');
      mkdirSync(results);
      const source = readResultDirectory(fixtures).files;
      expect(source.length, `no result files in ${fixtures}`).toBeGreaterThan(0);
      // The fixture tree's layout is kept (one folder per machine, as CI artifacts arrive): the report reads any.
      for (const f of source) {
        mkdirSync(dirname(join(results, f.name)), { recursive: true });
        writeFileSync(join(results, f.name), f.text);
      }
      // An earlier run of the newest fixture's machine, 10% slower, so the compare pages have a pair to show.
      const newest = toRuns(source)[0] as { data: ResultFile };
      const earlier = structuredClone(newest.data);
      earlier.id = `${newest.data.id}-earlier`;
      earlier.createdAt = new Date(Date.parse(newest.data.createdAt) - 86_400_000).toISOString();
      earlier.finishedAt = null;
      for (const c of earlier.cells) {
        if (!c.wallMs) continue;
        c.wallMs.median *= 1.1;
        c.wallMs.ci95 = [c.wallMs.ci95[0] * 1.1, c.wallMs.ci95[1] * 1.1];
      }
      writeFileSync(join(results, 'zz-earlier-derived.json'), JSON.stringify(earlier));
      // A broken file: --skip-invalid must skip it with a one-line warning.
      writeFileSync(
        join(results, 'broken.json'),
        JSON.stringify({ ...earlier, machine: { ...earlier.machine, usableCores: 0 } }),
      );
      files = readResultDirectory(results, { skipInvalid: true }).files;

      site = join(work, 'site');
      const built = await buildReportCli(['--results', results, '--out', site, '--base', BASE, '--skip-invalid']);
      buildStderr = built.stderr;
      expect(built.code, built.stderr).toBe(0);
      builtIndex = built.stdout.trim().split('\n').pop() ?? '';

      server = await serveStatic(site, BASE);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    const runs = () => toRuns(files);
    const runPagePath = (slug: string, workload: string) => `runs/${slug}/${workload}/`;

    /** Opens a page and records console errors, page errors, failed requests, HTTP errors and dialogs. */
    async function open(context: BrowserContext | Browser, path: string) {
      const page: Page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
      });
      page.on('dialog', (d) => {
        problems.push(`dialog opened: ${d.message()}`);
        void d.dismiss();
      });
      const response = await page.goto(server.url(path), { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
      return { page, problems };
    }

    it('builds with --skip-invalid, warning once about the broken file, and prints the index path', () => {
      const warnings = buildStderr.split('\n').filter((l) => l.startsWith('warning: skipping'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/broken\.json: machine\.usableCores/);
      expect(builtIndex).toBe(join(site, 'index.html'));
      expect(statSync(builtIndex).isFile()).toBe(true);
    });

    it('loads every page without console errors, and every internal link resolves under the base', async () => {
      const start = server.url('');
      const queue = [start];
      const seen = new Set(queue);
      const visited: string[] = [];
      const resources = new Set<string>();
      const problems: string[] = [];
      while (queue.length > 0) {
        const url = queue.shift() as string;
        const { page, problems: pageProblems } = await open(browser, url.slice(server.url('').length));
        const links = await page.$$eval('a[href], link[href], script[src], img[src]', (els) =>
          els.map((el) => (el as HTMLAnchorElement).href || (el as HTMLScriptElement).src),
        );
        const anchors = await page.$$eval('a[href^="#"]', (els) => els.map((a) => a.getAttribute('href') as string));
        for (const hash of anchors) {
          if ((await page.locator(`[id="${hash.slice(1)}"]`).count()) !== 1)
            problems.push(`${url}: no target for ${hash}`);
        }
        await page.close();
        problems.push(...pageProblems.map((p) => `${url}: ${p}`));
        visited.push(url);
        for (const link of links) {
          const target = new URL(link);
          if (target.origin !== server.origin) continue;
          target.hash = '';
          const href = target.href;
          if (!target.pathname.startsWith(BASE)) {
            problems.push(`${url}: link outside the base: ${href}`);
            continue;
          }
          if (seen.has(href)) continue;
          seen.add(href);
          if (target.pathname.endsWith('/')) queue.push(href);
          else resources.add(href);
        }
      }
      for (const href of resources) {
        const response = await fetch(href);
        if (response.status !== 200) problems.push(`HTTP ${response.status}: ${href}`);
        await response.arrayBuffer();
      }
      expect(problems).toEqual([]);
      // Every kind of page was reached by following links from the index.
      const paths = visited.map((u) => new URL(u).pathname.slice(BASE.length));
      for (const run of runs()) {
        expect(paths).toContain(`runs/${run.slug}/`);
        for (const w of workloadsOf(run.data)) expect(paths).toContain(runPagePath(run.slug, w));
        expect([...resources]).toContain(server.url(`data/${run.slug}.json`));
        expect([...resources]).toContain(server.url(`data/${run.slug}.csv`));
      }
      expect(paths).toContain('compare/');
      expect(paths.some((p) => /^compare\/[^/]+\/[^/]+\/$/.test(p))).toBe(true);
      expect(paths).toContain('machines/');
      for (const w of workloadsAcrossMachines(machinesOf(runs()))) expect(paths).toContain(`machines/${w.workload}/`);
    });

    it('shows every machine side by side and, per workload, one chart with every machine that measured a size', async () => {
      const machines = machinesOf(runs());
      // The real runs of the fixtures: this machine on both cores and under taskset -c 0 are two machines.
      const cores = machines.map((m) => m.machine.usableCores);
      expect(cores).toContain(1);
      expect(cores).toContain(2);
      const { page, problems } = await open(browser, 'machines/');
      const columns = await page.$$eval('table.machines thead th[data-machine]', (ths) =>
        ths.map((th) => th.getAttribute('data-machine')),
      );
      expect(columns).toEqual(machines.map((m) => m.id));
      const runLinks = await page.$$eval('table.machines ul.machine-runs a', (as) => as.map((a) => a.textContent));
      expect(runLinks.sort()).toEqual(
        runs()
          .map((r) => r.data.id)
          .sort(),
      );
      expect(problems).toEqual([]);
      await page.close();

      for (const across of workloadsAcrossMachines(machines)) {
        const { page: wp, problems: wProblems } = await open(browser, `machines/${across.workload}/`);
        const charts = await wp.$$eval('figure.chart', (figures) =>
          figures.map((f) => ({
            id: f.querySelector('.chart-svg > svg')?.getAttribute('id') ?? '',
            legend: [...f.querySelectorAll('.legend li')].map((li) => li.textContent?.trim() ?? ''),
            lines: f.querySelectorAll('.chart-svg > svg [aria-label="line"] path').length,
            desc: f.querySelector('.chart-svg > svg > desc')?.textContent ?? '',
          })),
        );
        for (const size of [...new Set(across.curves.flatMap((c) => c.view.sizes))]) {
          const measured = across.curves.filter((c) =>
            c.view.speedup.some((p) => p.size === size && p.strategy !== 'serial'),
          );
          if (measured.length === 0) continue;
          for (const measure of ['speedup', 'efficiency']) {
            const chart = charts.find((c) => c.id === `machines-${measure}-${across.workload}-${size}`);
            expect(chart, `${measure} chart of ${across.workload} at ${size}`).toBeDefined();
            for (const c of measured) {
              expect(chart?.legend).toContain(c.machine.label);
              // each machine's own usable cores, named in the legend and the description
              expect(chart?.legend).toContainEqual(expect.stringContaining(`of ${c.machine.label}`));
              expect(chart?.desc).toContain(`${c.machine.label}: ${c.view.cores}`);
            }
          }
        }
        const crossoverColumns = await wp.$$eval('table.crossovers thead th', (ths) =>
          ths.slice(1).map((th) => th.textContent),
        );
        expect(crossoverColumns).toEqual(across.curves.map((c) => c.machine.label));
        expect(wProblems).toEqual([]);
        await wp.close();
      }
      // every machine id the report shows is the one core derives (or the file carries)
      expect(new Set(runs().map((r) => machineIdentity(r.data.machine).id))).toEqual(
        new Set(machines.map((m) => m.id)),
      );
    });

    it('serves the result file as it was and a CSV with a row per cell', async () => {
      for (const run of runs()) {
        const json = await (await fetch(server.url(`data/${run.slug}.json`))).text();
        expect(json).toBe(run.text);
        const csv = await (await fetch(server.url(`data/${run.slug}.csv`))).text();
        expect(csv.split('\r\n').filter((line) => /^[a-z0-9]/.test(line)).length).toBeGreaterThanOrEqual(
          run.data.cells.length + 1,
        );
      }
    });

    it('draws every chart as SVG with a title, a description, a legend and labelled axes', async () => {
      for (const run of runs()) {
        for (const w of workloadsOf(run.data)) {
          const { page, problems } = await open(browser, runPagePath(run.slug, w));
          const charts = await page.$$eval('figure.chart', (figures) =>
            figures.map((f) => ({
              heading: f.querySelector('figcaption h3')?.textContent ?? '',
              svgTitle: f.querySelector('.chart-svg > svg[role="img"] > title')?.textContent ?? '',
              svgDesc: f.querySelector('.chart-svg > svg[role="img"] > desc')?.textContent ?? '',
              legendItems: f.querySelectorAll('.legend li').length,
              axisLabels: f.querySelectorAll('.chart-svg > svg [aria-label$="axis label"]').length,
              width: f.querySelector('.chart-svg > svg')?.getBoundingClientRect().width ?? 0,
            })),
          );
          expect(charts.length).toBeGreaterThanOrEqual(7);
          for (const chart of charts) {
            expect(chart.svgTitle).not.toBe('');
            expect(chart.svgTitle).toBe(chart.heading);
            expect(chart.svgDesc.length).toBeGreaterThan(40);
            expect(chart.legendItems).toBeGreaterThan(0);
            expect(chart.axisLabels).toBeGreaterThanOrEqual(1);
            expect(chart.width).toBeGreaterThan(200);
          }
          expect(problems).toEqual([]);
          await page.close();
        }
      }
    });

    it('names each strategy and transport of a workload run over several transports in its charts and table', async () => {
      const split = runs().flatMap((run) =>
        workloadsOf(run.data)
          .map((w) => ({ run, view: workloadView(run.data, w) }))
          .filter(({ view }) => view.series.some((s) => s.key !== s.strategy)),
      );
      // the fixtures hold a real run over several transports (this-machine-2-cores/sha256-transports.json)
      expect(split.length).toBeGreaterThan(0);
      for (const { run, view } of split) {
        const keys = view.series.map((s) => s.key);
        const { page, problems } = await open(browser, runPagePath(run.slug, view.workload));
        const legend = await page.$$eval(`#figure-speedup-${view.workload} .legend li`, (lis) =>
          lis.map((li) => li.textContent?.trim() ?? ''),
        );
        expect(legend).toEqual(expect.arrayContaining(keys));
        const rows = await page.$$eval('table.cells tbody tr td:nth-child(2)', (tds) =>
          tds.map((td) => td.getAttribute('data-value') ?? ''),
        );
        expect(new Set(rows)).toEqual(new Set(keys));
        expect(problems).toEqual([]);
        await page.close();
      }
    });

    it('shows text from result files as text: errors appear verbatim and no markup from them runs', async () => {
      for (const run of runs()) {
        for (const w of workloadsOf(run.data)) {
          const { page, problems } = await open(browser, runPagePath(run.slug, w));
          const tableText = (await page.locator('table.cells').textContent()) ?? '';
          for (const c of run.data.cells.filter((x) => x.workload === w && x.error)) {
            expect(tableText).toContain(c.error);
          }
          // The only scripts are the site's own bundled modules.
          const scripts = await page.$$eval('script', (els) =>
            els.map((s) => s.getAttribute('src') ?? s.textContent ?? ''),
          );
          for (const s of scripts) expect(s).toMatch(new RegExp(`^${BASE}_astro/[^/]+\\.js$`));
          expect(problems).toEqual([]);
          await page.close();
        }
      }
    });

    it('shows charts and the full cell table with JavaScript off, and sorts the table with it on', async () => {
      const run = runs()[0] as ReturnType<typeof runs>[number];
      const workload = workloadsOf(run.data)[0] as string;
      const cellCount = run.data.cells.filter((c) => c.workload === workload).length;
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      try {
        const { page } = await open(noJs, runPagePath(run.slug, workload));
        expect(await page.locator('table.cells tbody tr').count()).toBe(cellCount);
        expect(await page.locator('figure.chart .chart-svg > svg').count()).toBeGreaterThanOrEqual(7);
        expect(await page.locator('table.cells th button').count()).toBe(0);
      } finally {
        await noJs.close();
      }
      const { page, problems } = await open(browser, runPagePath(run.slug, workload));
      const workersColumn = async () =>
        page.$$eval('table.cells tbody tr', (rows) =>
          rows.map((r) => Number(r.querySelector('td:nth-child(3)')?.getAttribute('data-value'))),
        );
      const sizes = async () =>
        page.$$eval('table.cells tbody tr', (rows) =>
          rows.map((r) => Number(r.querySelector('td:nth-child(1)')?.getAttribute('data-value'))),
        );
      const before = await workersColumn();
      await page.getByRole('button', { name: 'Workers', exact: true }).click();
      const ascending = await workersColumn();
      expect(ascending).toEqual([...before].sort((a, b) => a - b));
      expect((await page.locator('table.cells th[aria-sort="ascending"]').textContent())?.trim()).toBe('Workers');
      await page.getByRole('button', { name: 'Workers', exact: true }).click();
      expect(await workersColumn()).toEqual([...before].sort((a, b) => b - a));
      await page.getByRole('button', { name: /^Size/ }).click();
      const sorted = await sizes();
      expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
      expect(problems).toEqual([]);
      await page.close();
    });

    it('opens the workload page with the crossover map, and shows the narrow chart variants on a phone', async () => {
      const run = runs()[0] as ReturnType<typeof runs>[number];
      const workload = workloadsOf(run.data)[0] as string;
      const figures = async (page: Page) =>
        page.$$eval('figure.chart', (fs) =>
          fs.map((f) => {
            const visible = [...f.querySelectorAll('.chart-svg')].find((d) => getComputedStyle(d).display !== 'none');
            const svg = visible?.querySelector(':scope > svg');
            return { id: f.id, svgId: svg?.id ?? '', width: svg?.getBoundingClientRect().width ?? 0 };
          }),
        );
      const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
      try {
        const wide = await open(desktop, runPagePath(run.slug, workload));
        const atDesktop = await figures(wide.page);
        expect(atDesktop[0]?.id).toBe(`figure-map-${workload}`);
        // on a 1280px page every chart uses the width of its figure
        for (const f of atDesktop) {
          expect(f.svgId.endsWith('-narrow'), f.id).toBe(false);
          expect(f.width, f.id).toBeGreaterThan(1000);
        }
        const narrow = await open(phone, runPagePath(run.slug, workload));
        for (const f of await figures(narrow.page)) {
          expect(f.svgId.endsWith('-narrow'), f.id).toBe(true);
          expect(f.width, f.id).toBeGreaterThan(300);
        }
        // the figure scrolls sideways instead of widening the page
        const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
        expect(overflow).toBeLessThanOrEqual(390);
        expect([...wide.problems, ...narrow.problems]).toEqual([]);
      } finally {
        await desktop.close();
        await phone.close();
      }
    });

    it('writes a screenshot of the run page', async () => {
      const run = runs()[0] as ReturnType<typeof runs>[number];
      const workloads = workloadsOf(run.data);
      const workload = workloads.includes('do-math') ? 'do-math' : (workloads[0] as string);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      try {
        const { page, problems } = await open(context, runPagePath(run.slug, workload));
        mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
        rmSync(screenshotPath, { force: true });
        await page.screenshot({ path: screenshotPath, fullPage: true });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
      const png = readFileSync(screenshotPath);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
    });
  });
}
