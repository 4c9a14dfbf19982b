// diplo serve in a real browser: Debian's Chromium, headless, driven by playwright-core.
// Run by `.ci/run` (which installs Chromium and these packages) as
//   DIPLO_BIN=target/debug/diplo node --test tests/browser/run.mjs
// It indexes the shipped seeds in a temp folder, starts `diplo serve --port 0` there, and
// uses the explorer as a person would: keyboard, clicks, back, downloads; then axe-core checks
// each page for accessibility problems. DIPLO_BIN and CHROMIUM override the paths.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, cpSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const bin = resolve(root, process.env.DIPLO_BIN ?? "target/debug/diplo");
const chrome = process.env.CHROMIUM ?? "/usr/bin/chromium";
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

// Without Chromium every test is skipped, saying why; `.ci/run` installs it, so CI never skips.
const missing = existsSync(chrome)
  ? false
  : `no Chromium at ${chrome}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM`;
if (missing) console.log(`browser suite skipped: ${missing}`);
const it = (name, fn) => test(name, { skip: missing }, fn);

let workdir, server, base, browser, context, page;
const problems = []; // console errors and CSP violations seen by any page

before(async () => {
  if (missing) return;
  assert.ok(existsSync(bin), `no diplo binary at ${bin}: run cargo build first`);
  workdir = mkdtempSync(join(tmpdir(), "diplo-browser-"));
  // DIPLO_BROWSER_INDEX=DIR runs the suite on an index already built (the 100k benchmark's).
  const given = process.env.DIPLO_BROWSER_INDEX;
  const index = given ? resolve(given) : seedIndex(workdir);
  server = spawn(bin, ["--index", index, "serve", "--port", "0"], {
    cwd: workdir,
    stdio: ["ignore", "pipe", "inherit"],
  });
  base = await new Promise((ok, fail) => {
    server.stdout.once("data", (d) => ok(d.toString().trim()));
    server.once("exit", (code) => fail(new Error(`diplo serve exited with ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: chrome,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
});

// Indexes the seeds, and a second publisher's readout of one seed's call (a sentence less, so
// that one contact has two records to compare), in `dir`; returns the index folder.
function seedIndex(dir) {
  cpSync(join(root, "seeds"), join(dir, "seeds"), { recursive: true });
  const seed = readFileSync(join(root, "seeds", "003_e2447bf0e712ceff.txt"), "utf8");
  const paragraphs = seed.split("\n\n");
  mkdirSync(join(dir, "mirror", "other.example"), { recursive: true });
  writeFileSync(
    join(dir, "mirror", "other.example", "call.txt"),
    paragraphs.slice(0, paragraphs.length - 1).join("\n\n") + "\n",
  );
  execFileSync(bin, ["index", "seeds", "mirror", "--quiet"], { cwd: dir, stdio: "inherit" });
  return join(dir, ".diplo");
}

after(async () => {
  await browser?.close();
  server?.kill();
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

const count = async () => Number((await page.locator("#results-heading").innerText()).split(" ")[0]);

it("tab reaches the search box, enter searches, and hits show", async () => {
  await page.goto(base);
  // From the top of the page: a click on the header's text moves focus off the box and
  // starts keyboard navigation there.
  await page.locator("header.top .tagline").click();
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), "q");
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.id === "q");
  }
  assert.ok(reached, "Tab never reached the search box");
  await page.keyboard.type("Trump");
  await Promise.all([page.waitForURL(/[?&]q=Trump/), page.keyboard.press("Enter")]);
  assert.ok(await page.locator("li.hit").count() > 0, "no hits for Trump");
  assert.ok(await page.locator("li.hit mark").count() > 0, "no highlighted words in the snippets");
  assert.equal(await page.locator("#q").inputValue(), "Trump");
});

it("arrow keys move through the hits", async () => {
  await page.goto(`${base}?q=Xi`);
  await page.locator("#q").focus();
  await page.keyboard.press("ArrowDown");
  const first = await page.evaluate(() => document.activeElement?.getAttribute("href"));
  await page.keyboard.press("ArrowDown");
  const second = await page.evaluate(() => document.activeElement?.getAttribute("href"));
  assert.match(first ?? "", /^\/record\//);
  assert.match(second ?? "", /^\/record\//);
  assert.notEqual(first, second);
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("href")), first);
});

it("a facet filters when clicked, shows as a chip, and the chip takes it off", async () => {
  await page.goto(`${base}?q=Xi`);
  const before = await count();
  const facet = page.locator('section[aria-labelledby="facet-event-type"] a', { hasText: "meeting" });
  await Promise.all([page.waitForURL(/type=meeting/), facet.click()]);
  const after = await count();
  assert.ok(after < before, `meeting: ${after} of ${before}`);
  const typeCounts = await page.locator('section[aria-labelledby="facet-event-type"] li').allInnerTexts();
  assert.deepEqual(typeCounts, [`meeting ${after}`]);
  const chip = page.locator("a.chip", { hasText: "meeting" });
  assert.equal(await chip.count(), 1);
  await Promise.all([page.waitForURL((u) => !u.search.includes("type=")), chip.click()]);
  assert.equal(await count(), before);
});

it("a record opens with its facts and speakers, and back returns to the hits", async () => {
  await page.goto(`${base}?q=Korean+Peninsula`);
  const title = await page.locator("a.hit-link").first().innerText();
  await Promise.all([page.waitForURL(/\/record\//), page.locator("a.hit-link").first().click()]);
  assert.equal(await page.locator("h1").innerText(), title);
  assert.ok(await page.locator("dl.facts dt", { hasText: "Principals" }).count() === 1);
  assert.ok(await page.locator(".spoken .speakers").count() > 0, "no paragraph marks its speakers");
  await page.goBack();
  assert.match(page.url(), /q=Korean\+Peninsula/);
  assert.equal(await page.locator("#q").inputValue(), "Korean Peninsula");
});

it("the chart and the network render as SVG, and a node filters", async () => {
  await page.goto(`${base}?q=*`);
  await page.locator('[data-svg][data-loaded="true"]').nth(1).waitFor();
  assert.ok(await page.locator(".svg-slot svg.chart rect").count() > 0, "the chart has no bars");
  assert.ok(await page.locator(".svg-slot svg.network circle").count() > 1, "the network has no nodes");
  assert.ok(await page.locator(".svg-slot svg.network line").count() > 0, "the network has no edges");
  const node = page.locator(".svg-slot svg.network a").first();
  await Promise.all([page.waitForURL(/participant=/), node.click()]);
  assert.equal(await page.locator("a.chip").count(), 1);
});

it("the CSV download is the query's records", async () => {
  await page.goto(`${base}?q=Trump`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("a", { hasText: "records (CSV)" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "diplo-query.csv");
  const csv = readFileSync(await download.path(), "utf8").trim().split("\n");
  assert.ok(csv[0].startsWith("id,date,event_type"), csv[0]);
  const hits = await count();
  assert.equal(csv.length - 1, hits);
});

it("the comparison view shows both records of a contact", async () => {
  await page.goto(`${base}?q=*`);
  // The seed and its mirror report one call.
  const hit = page.locator("li.hit", { hasText: "2 records of this contact" }).first();
  await Promise.all([page.waitForURL(/\/record\//), hit.locator("a.hit-link").click()]);
  await Promise.all([page.waitForURL(/\/compare\//), page.locator("a.compare-link").click()]);
  assert.equal(await page.locator("section.side").count(), 2);
});

it("no page logged an error or broke the content security policy", () => {
  assert.deepEqual(problems, []);
});

it("the pages pass axe-core's accessibility checks", async () => {
  // axe is injected as a script, which the explorer's own policy forbids: only here is the
  // policy bypassed.
  const checking = await browser.newContext({ bypassCSP: true });
  const p = await checking.newPage();
  const targets = [`${base}?q=Trump`, `${base}?q=*`];
  await p.goto(`${base}?q=Korean+Peninsula`);
  targets.push(new URL(await p.locator("a.hit-link").first().getAttribute("href"), base).href);
  targets.push(`${base}record/ffffffffffff`);
  const found = [];
  for (const url of targets) {
    await p.goto(url);
    await p.waitForLoadState("networkidle");
    await p.addScriptTag({ path: axePath });
    const result = await p.evaluate(async () => await window.axe.run(document));
    for (const v of result.violations) {
      found.push(`${url}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
    }
  }
  await checking.close();
  assert.deepEqual(found, []);
});
