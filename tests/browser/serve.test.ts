/**
 * The live preview in a real browser: Debian's chromium driven by playwright-core.
 * Runs only with PAIBAN_BROWSER=1 (needs `apt-get install -y chromium`); .ci/run does both.
 * Screenshots of each state go to out/browser/ for a human to look at.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { CLI, REPO, longCopy, sampleProject, until, type SampleProject } from "../preview/helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const enabled = process.env.PAIBAN_BROWSER === "1";
if (!enabled) {
  console.log("tests/browser skipped: set PAIBAN_BROWSER=1 to run them (needs Debian chromium: apt-get install -y chromium)");
}
const SHOTS = path.join(REPO, "out/browser");

describe.skipIf(!enabled)("paiban serve in chromium", () => {
  let project: SampleProject;
  let child: ChildProcess;
  let browser: Browser;
  let page: Page;
  let url = "";
  let log = "";

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`PAIBAN_BROWSER=1 but ${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(SHOTS, { recursive: true });
    project = sampleProject("paiban-browser-");
    child = spawn(process.execPath, [CLI, "serve", "layouts/quxian.json", "--port", "0"], { cwd: project.dir, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (c: Buffer) => (log += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
    url = await until(() => /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log)?.[1], 30_000);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((ok) => child.once("exit", ok));
    }
  });

  it("shows the page, with every story outlined and its report on hover", async () => {
    await page.goto(url);
    await page.waitForSelector("body[data-ok=true] .page img[src]");
    expect(await page.locator(".frame").count()).toBeGreaterThan(8);
    await page.hover('.frame[data-id="lead"]');
    await expect.poll(() => page.textContent('#story-report dd[data-field="id"]')).toBe("lead");
    expect(await page.textContent('#story-report dd[data-field="measure"]')).toBe("23 em");
    expect(await page.textContent('#story-report dd[data-field="overset"]')).toBe("none");
    expect(await page.textContent('#story-report dd[data-field="lines per column"]')).toMatch(/^\d+ · \d+ · \d+$/);
    await page.screenshot({ path: path.join(SHOTS, "1-page.png") });
  }, 30_000);

  it("updates within a second of saving a copy file: overset marked red with its count", async () => {
    const before = Number(await page.textContent('#story-report dd[data-field="paragraphs"]'));
    const version = Number(await page.getAttribute("body", "data-version"));
    await page.click('.frame[data-id="lead"]'); // pin the lead's report
    const saved = Date.now();
    writeFileSync(project.copy("lead.md"), longCopy(readFileSync(project.copy("lead.md"), "utf8")));
    await page.waitForSelector('.frame.overset[data-id="lead"] .badge', { timeout: 10_000 });
    await page.waitForFunction((v) => Number(document.body.dataset.shown) > v, version, { timeout: 10_000 }); // the new image is on screen
    const latency = Date.now() - saved;
    console.log(`serve: save → page updated in ${latency} ms`);
    expect(latency).toBeLessThan(2000); // ~0.6–0.9 s on an idle machine; leave room for a loaded CI box
    expect(await page.textContent('.frame.overset[data-id="lead"] .badge')).toMatch(/溢出 \d+ 行/);
    expect(Number(await page.textContent('#story-report dd[data-field="paragraphs"]'))).toBe(before + 3);
    expect(await page.textContent('#story-report dd[data-field="overset"]')).toMatch(/^\d+ lines, \d+ chars$/);
    expect(await page.textContent("#diff")).toMatch(/\+ overset: lead/);
    await page.screenshot({ path: path.join(SHOTS, "2-overset.png") });
  }, 30_000);

  it("shows a broken layout's error on the page instead of the stale render", async () => {
    const good = readFileSync(project.layout, "utf8");
    writeFileSync(project.layout, good.replace('"columns": 9', '"columns": "nine"'));
    await page.waitForSelector("#error:not([hidden])", { timeout: 10_000 });
    expect(await page.isHidden("#pages")).toBe(true);
    expect(await page.textContent("#error-message")).toMatch(/quxian\.json: .*columns/);
    await page.screenshot({ path: path.join(SHOTS, "3-error.png") });

    writeFileSync(project.layout, good);
    await page.waitForSelector("#error[hidden]", { state: "attached", timeout: 10_000 });
    await page.waitForSelector("body[data-ok=true] .page img[src]");
    expect(await page.isVisible("#pages")).toBe(true);
    const overset = await page.$$eval(".frame.overset", (fs) => [...new Set(fs.map((f) => (f as HTMLElement).dataset.id))]);
    expect(overset).toEqual(["lead"]); // the lead is still long
  }, 30_000);

  it("recovers when the copy is fixed too", async () => {
    writeFileSync(project.copy("lead.md"), readFileSync(path.join(REPO, "samples/quxian/lead.md")));
    await page.waitForFunction(() => document.querySelectorAll(".frame.overset").length === 0, undefined, { timeout: 10_000 });
    expect(await page.textContent("#diff")).toMatch(/- overset cleared: lead/);
    expect(child.exitCode).toBeNull();
  }, 30_000);
});
