// Switchboard operators' console. Plain DOM, no framework, no build step. Every value from the hub (and so from
// vendors and webhooks) goes into the page as text (textContent, text nodes), never as HTML: a hostile event type
// stays text. The Content-Security-Policy forbids inline scripts besides.
"use strict";

const KEY = "switchboard.console.apiKey";
const SCOPES = ["admin", "privacy:admin", "customer:read", "orders:read", "orders:write", "tickets:write", "kb:read",
  "conversations:write", "catalog:read"];
const REFRESH_MILLIS = 3000;
let refreshTimer = null;

const $ = (id) => document.getElementById(id);

/** An element with text children only: strings become text nodes. */
function el(tag, options = {}, ...children) {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.data) for (const [name, value] of Object.entries(options.data)) element.dataset[name] = value;
  if (options.type) element.type = options.type;
  if (options.onClick) element.addEventListener("click", options.onClick);
  for (const child of children) element.append(child instanceof Node ? child : String(child ?? ""));
  return element;
}

function cell(value, className) {
  return el("td", { className }, value === null || value === undefined ? "–" : value);
}

function percent(ratio) {
  return ratio === null || ratio === undefined ? null : (ratio * 100).toFixed(1) + " %";
}

function millis(value) {
  return value === null || value === undefined ? null : value + " ms";
}

/** An RFC 3339 time to the second, in UTC. */
function time(value) {
  return value ? String(value).replace("T", " ").replace(/\.\d+Z$/, "Z") : null;
}

function status(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

class Unauthorized extends Error {}

/** A call to the admin API with the operator's key; the problem's detail as the error. */
async function api(path, options = {}) {
  const response = await fetch(path, {
    method: options.method ?? "GET",
    headers: { "X-Api-Key": sessionStorage.getItem(KEY) ?? "", ...(options.body ? { "Content-Type": "application/json" } : {}) },
    body: options.body ? JSON.stringify(options.body) : undefined,
    credentials: "omit",
    cache: "no-store",
  });
  if (response.status === 401 || response.status === 403) {
    throw new Unauthorized(response.status === 401 ? "That API key is not valid." : "That API key lacks the scope admin.");
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(body?.detail ?? `HTTP ${response.status}`);
  return body;
}

async function guarded(work) {
  try {
    await work();
  } catch (e) {
    if (e instanceof Unauthorized) {
      signOut();
      status(e.message, true);
    } else {
      status(String(e.message ?? e), true);
    }
  }
}

// --- views ------------------------------------------------------------------------------------------------------

async function showIntegrations() {
  const { items } = await api("/admin/integrations");
  $("integrations-rows").replaceChildren(...items.map((item) => {
    const calls = Object.values(item.calls ?? {}).reduce((sum, n) => sum + n, 0);
    return el("tr", { data: { integration: item.name } },
      cell(item.name),
      cell(item.health, "health " + String(item.health).toLowerCase()),
      cell(item.circuit),
      cell(percent(item.failureRate), "num"),
      cell(calls, "num"),
      cell(percent(item.successRate), "num"),
      cell(millis(item.latencyMeanMillis), "num"),
      cell(millis(item.latencyMaxMillis), "num"));
  }));
}

async function showDeliveries() {
  const { items } = await api("/admin/deliveries");
  const depth = (n) => n;
  $("deliveries-rows").replaceChildren(...items.map((item) => {
    const name = el("button", { type: "button", className: "action", onClick: () => openDeadLetters(item.name) }, item.name);
    return el("tr", { data: { source: item.name } },
      el("td", {}, name), cell(item.kind),
      cell(item.accepted, "num"), cell(item.duplicate, "num"), cell(item.rejected, "num"),
      cell(item.processed, "num"), cell(item.retried, "num"), cell(depth(item.pending), "num"),
      cell(item.deadLettered, "num"), cell(depth(item.deadLetters), "num"));
  }));
  fillSources(items);
}

function fillSources(items) {
  const select = $("dead-letter-source");
  const chosen = select.value;
  select.replaceChildren(el("option", {}, "all"), ...items.map((item) => el("option", {}, item.name)));
  select.options[0].value = "";
  select.value = chosen;
}

async function showDeadLetters() {
  if ($("dead-letter-source").options.length <= 1) fillSources((await api("/admin/deliveries")).items);
  const source = $("dead-letter-source").value;
  const page = await api("/admin/dead-letters?limit=500" + (source ? "&source=" + encodeURIComponent(source) : ""));
  $("dead-letter-rows").replaceChildren(...page.items.map((item) => {
    const actions = el("td", {});
    actions.append(el("button", { type: "button", className: "action replay", onClick: () => replay(item, actions) }, "Replay"));
    return el("tr", { data: { id: item.id } },
      cell(item.source), cell(item.eventId, "wrap event-id"), cell(item.eventType, "wrap event-type"),
      cell(time(item.receivedAt)), cell(item.attempts, "num"), cell(item.reason, "wrap reason"), actions);
  }));
  $("dead-letters-empty").hidden = page.items.length > 0;
}

async function replay(item, actions) {
  await guarded(async () => {
    await api("/admin/dead-letters/" + encodeURIComponent(item.id) + "/replay", { method: "POST" });
    const outcome = el("span", { className: "replay-status" }, "replayed, waiting to be processed…");
    actions.replaceChildren(outcome);
    status("Replayed " + (item.eventId ?? item.id));
    if (!item.eventId || !item.source) return;
    for (let i = 0; i < 40; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      let event = null;
      try {
        event = await api("/admin/deliveries/" + encodeURIComponent(item.source) + "/events/" + encodeURIComponent(item.eventId));
      } catch (e) {
        if (e instanceof Unauthorized) throw e;
        continue;   // jobs have no receipts: nothing to follow
      }
      if (event.processedAt) {
        outcome.textContent = "processed " + time(event.processedAt);
        outcome.className = "replay-status replayed";
        return;
      }
    }
    outcome.textContent = "replayed, not processed yet";
  });
}

/** Why a system's part is where it is: the last error and next attempt, or the reason. */
function erasureDetail(system) {
  if (system.status === "failed") {
    const next = system.nextAttemptAt ? "next attempt " + time(system.nextAttemptAt) : "no attempt left";
    return (system.lastError ?? "failed") + " (" + next + ")";
  }
  return system.reason ?? null;
}

async function showErasures() {
  const { items } = await api("/admin/erasure-requests?limit=20");
  $("erasure-rows").replaceChildren(...items.flatMap((request) => request.systems.map((system, i) => {
    const first = i === 0;   // the request's own columns on its first row only
    return el("tr", { className: first ? "request-start" : "", data: { request: request.requestId, system: system.system } },
      cell(first ? request.requestId : "", "wrap"), cell(first ? request.origin : ""),
      cell(first ? time(request.requestedAt) : ""), cell(first ? time(request.completedAt) ?? "–" : ""),
      cell(system.system), cell(system.status, "erasure-status " + system.status), cell(system.attempts, "num"),
      cell(erasureDetail(system), "wrap detail"), cell(time(system.updatedAt)));
  })));
  $("erasures-empty").hidden = items.length > 0;
}

async function showApiKeys() {
  const { items } = await api("/admin/api-keys");
  $("api-key-rows").replaceChildren(...items.map((key) => {
    const actions = el("td", {});
    if (!key.revokedAt) {
      const revoke = el("button", { type: "button", className: "action danger revoke" }, "Revoke");
      revoke.addEventListener("click", () => {
        if (revoke.dataset.armed !== "yes") {   // two clicks rather than a dialog
          revoke.dataset.armed = "yes";
          revoke.textContent = "Confirm revoke";
          return;
        }
        guarded(async () => {
          await api("/admin/api-keys/" + encodeURIComponent(key.id), { method: "DELETE" });
          status("Revoked " + key.id);
          await showApiKeys();
        });
      });
      actions.append(revoke);
    }
    return el("tr", { data: { key: key.id } },
      cell(key.id), cell(key.name, "wrap"), cell((key.scopes ?? []).join(" ")), cell(time(key.createdAt)),
      cell(time(key.expiresAt)), cell(time(key.lastUsedAt)), cell(time(key.revokedAt)), actions);
  }));
}

async function mint(event) {
  event.preventDefault();
  await guarded(async () => {
    const scopes = [...$("mint-scopes").querySelectorAll("input:checked")].map((box) => box.value);
    const minted = await api("/admin/api-keys", { method: "POST", body: { name: $("mint-name").value, scopes } });
    $("minted-key").textContent = minted.key;
    $("minted").hidden = false;
    $("mint-form").reset();
    status("Minted " + minted.id);
    await showApiKeys();
  });
}

// --- navigation ---------------------------------------------------------------------------------------------------

const VIEWS = {
  "integrations": { show: showIntegrations, refresh: true },
  "deliveries": { show: showDeliveries, refresh: true },
  "dead-letters": { show: showDeadLetters, refresh: false },
  "erasures": { show: showErasures, refresh: true },
  "api-keys": { show: showApiKeys, refresh: false },
};

function open(name) {
  clearInterval(refreshTimer);
  for (const view of Object.keys(VIEWS)) $("view-" + view).hidden = view !== name;
  for (const button of $("nav").querySelectorAll("button")) button.classList.toggle("active", button.dataset.view === name);
  const view = VIEWS[name];
  guarded(view.show);
  if (view.refresh) refreshTimer = setInterval(() => guarded(view.show), REFRESH_MILLIS);
}

function openDeadLetters(source) {
  $("dead-letter-source").value = source;
  open("dead-letters");
}

function signedIn() {
  $("login").hidden = true;
  $("nav").hidden = false;
  $("sign-out").hidden = false;
  open("integrations");
}

function signOut() {
  clearInterval(refreshTimer);
  sessionStorage.removeItem(KEY);
  for (const view of Object.keys(VIEWS)) $("view-" + view).hidden = true;
  $("nav").hidden = true;
  $("sign-out").hidden = true;
  $("login").hidden = false;
  $("minted").hidden = true;
  $("minted-key").textContent = "";
}

async function signIn(event) {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("api-key").value.trim());
  $("api-key").value = "";
  await guarded(async () => {
    await api("/admin/integrations");
    status("Signed in");
    signedIn();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", () => { signOut(); status("Signed out"); });
  $("mint-form").addEventListener("submit", mint);
  $("dead-letters-refresh").addEventListener("click", () => guarded(showDeadLetters));
  $("dead-letter-source").addEventListener("change", () => guarded(showDeadLetters));
  for (const button of $("nav").querySelectorAll("button")) button.addEventListener("click", () => open(button.dataset.view));
  for (const scope of SCOPES) {
    const box = el("input", { type: "checkbox" });
    box.value = scope;
    $("mint-scopes").append(el("label", {}, box, " " + scope));
  }
  if (sessionStorage.getItem(KEY)) guarded(async () => { await api("/admin/integrations"); signedIn(); });
});
