// Drives the operators' console in headless Chromium (Debian's, through playwright-core) and reports what it saw.
// Usage: node console.mjs <plan.json> <report.json>
//   plan: {"chromium": path, "userDataDir": dir, "base": "http://localhost:<port>", "adminKey": key,
//          "token": JWT for the orders API, "shopifyAdmin": "http://127.0.0.1:<port>/__admin",
//          "deadLetter": {"source", "eventId", "eventType", "reason"}, "erasure": {"requestId"}, "screenshots": dir}
// The JUnit test (ConsoleBrowserTest) writes the plan and asserts on the report; this script only looks and clicks.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const [planFile, reportFile] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, "utf8"));
const report = { steps: {}, dialogs: [], cspViolations: [], pageErrors: [] };
mkdirSync(plan.screenshots, { recursive: true });

const context = await chromium.launchPersistentContext(plan.userDataDir, {
  executablePath: plan.chromium,
  headless: true,
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
  viewport: { width: 1200, height: 640 },
});
const page = context.pages()[0] ?? await context.newPage();
page.on("dialog", async (dialog) => { report.dialogs.push(dialog.message()); await dialog.dismiss(); });
page.on("console", (message) => {
  if (/Content.Security.Policy/i.test(message.text())) report.cspViolations.push(message.text());
});
page.on("pageerror", (error) => report.pageErrors.push(String(error)));
const shot = (name) => page.screenshot({ path: `${plan.screenshots}/${name}.png` });
const healthOf = (name) => page.locator(`#integrations-rows tr[data-integration="${name}"] td.health`);

try {
  // the page and its headers
  const response = await page.goto(plan.base + "/console");
  report.steps.page = { status: response.status(), url: page.url(), csp: response.headers()["content-security-policy"] ?? null };

  // a wrong key is refused, the admin key lets in
  await page.fill("#api-key", "not-a-key");
  await page.click("#sign-in");
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("not valid"));
  report.steps.wrongKey = { status: await page.textContent("#status"), loginShown: await page.isVisible("#login") };
  await shot("login");
  await page.fill("#api-key", plan.adminKey);
  await page.click("#sign-in");
  await page.waitForSelector("#view-integrations:not([hidden])");
  await healthOf("shopify").waitFor();
  report.steps.before = { shopify: (await healthOf("shopify").textContent()).trim() };
  await shot("integrations");

  // a fault on the Shopify sandbox, orders asked until the breaker opens: the console shows shopify DOWN
  const fault = await fetch(plan.shopifyAdmin + "/mappings", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ priority: 0, request: { method: "GET", urlPathPattern: "/admin/api/.*/orders.json" },
      response: { fault: "CONNECTION_RESET_BY_PEER" } }),
  });
  const answers = [];
  for (let i = 0; i < 8; i++) {
    const order = await fetch(plan.base + "/api/v1/orders/1001", { headers: { Authorization: "Bearer " + plan.token } });
    answers.push(order.status);
  }
  await page.waitForFunction(() => {
    const cell = document.querySelector('#integrations-rows tr[data-integration="shopify"] td.health');
    return cell && cell.textContent.trim() === "DOWN";
  }, null, { timeout: 20000 });
  report.steps.after = { faultStub: fault.status, orderAnswers: answers, shopify: (await healthOf("shopify").textContent()).trim(),
    circuit: (await page.locator('#integrations-rows tr[data-integration="shopify"] td').nth(2).textContent()).trim() };
  await shot("integrations-down");

  // deliveries per source and job
  await page.click('nav button[data-view="deliveries"]');
  const flakyRow = page.locator(`#deliveries-rows tr[data-source="${plan.deadLetter.source}"]`);
  await flakyRow.waitFor();
  report.steps.deliveries = { row: (await flakyRow.locator("td").allTextContents()).map((t) => t.trim()) };
  await shot("deliveries");

  // the dead letter with a hostile event type and failure: shown as text, nothing runs
  await flakyRow.locator("button").click();
  await page.waitForSelector("#view-dead-letters:not([hidden])");
  const row = page.locator("#dead-letter-rows tr", { hasText: plan.deadLetter.eventId });
  await row.waitFor();
  report.steps.deadLetter = {
    eventType: await row.locator("td.event-type").textContent(),
    reason: await row.locator("td.reason").textContent(),
    elementsInCells: await row.locator("td.event-type *, td.reason *").count(),
    injectedImages: await page.locator("img").count(),
    injectedScripts: await page.evaluate(() => [...document.scripts].map((s) => s.src || "inline")),
    pwned: await page.evaluate(() => window.__pwned ?? null),
  };
  await shot("dead-letters");

  // replay it and see it processed
  await row.locator("button.replay").click();
  await page.waitForFunction((id) => {
    const rows = [...document.querySelectorAll("#dead-letter-rows tr")];
    const replayed = rows.find((r) => r.textContent.includes(id));
    return replayed && replayed.querySelector(".replay-status.replayed");
  }, plan.deadLetter.eventId, { timeout: 30000 });
  report.steps.replay = { status: (await row.locator(".replay-status").textContent()).trim() };
  await shot("dead-letter-replayed");
  await page.click("#dead-letters-refresh");
  await page.waitForFunction((id) => ![...document.querySelectorAll("#dead-letter-rows tr")]
    .some((r) => r.textContent.includes(id)), plan.deadLetter.eventId);
  report.steps.replay.goneAfterRefresh = true;

  // erasure requests: the one the test started, one row per system, the hub's own part completed
  await page.click('nav button[data-view="erasures"]');
  await page.waitForSelector("#view-erasures:not([hidden])");
  const erasureRows = `#erasure-rows tr[data-request="${plan.erasure.requestId}"]`;
  await page.waitForFunction((rows) => {
    const local = document.querySelector(rows + '[data-system="switchboard"] td.erasure-status');
    return local && local.textContent.trim() === "completed";
  }, erasureRows, { timeout: 30000 });
  report.steps.erasure = {
    rows: await page.$$eval(erasureRows, (rows) => rows.map((r) => ({ system: r.dataset.system,
      cells: [...r.children].map((c) => c.textContent.trim()) }))),
  };
  await shot("erasures");

  // API keys: mint one, see it once, revoke it
  await page.click('nav button[data-view="api-keys"]');
  await page.waitForSelector("#view-api-keys:not([hidden])");
  const keyName = "console test key " + Date.now();   // the test database outlives one run
  await page.fill("#mint-name", keyName);
  await page.check('#mint-scopes input[value="kb:read"]');
  await page.click("#mint");
  await page.waitForSelector("#minted:not([hidden])");
  const mintedKey = (await page.textContent("#minted-key")).trim();
  const keyRow = page.locator("#api-key-rows tr", { hasText: keyName });
  await keyRow.waitFor();
  const keyId = await keyRow.getAttribute("data-key");
  await page.locator("#minted").scrollIntoViewIfNeeded();
  await shot("api-keys");
  await keyRow.locator("button.revoke").click();
  await keyRow.locator("button.revoke").click();
  await page.waitForFunction((id) => {
    const r = document.querySelector(`#api-key-rows tr[data-key="${id}"]`);
    return r && !r.querySelector("button.revoke") && r.children[6].textContent.trim() !== "–";
  }, keyId);
  report.steps.apiKeys = { mintedKey, keyId, revoked: true };

  // signing out forgets the key
  await page.click("#sign-out");
  report.steps.signOut = { loginShown: await page.isVisible("#login"),
    stored: await page.evaluate(() => sessionStorage.length) };
  report.pwnedAtEnd = await page.evaluate(() => window.__pwned ?? null);
} catch (e) {
  report.error = String(e?.stack ?? e);
  await shot("failure").catch(() => {});
} finally {
  await context.close();
}
writeFileSync(reportFile, JSON.stringify(report, null, 2));
