// Verifies deliveries with the Standard Webhooks reference library, independent of the hub's signing code.
// Usage: node verify.mjs <file.json>, the file holding {"secret": "whsec_...", "deliveries": [{"headers": {...},
// "body": "..."}]}. Prints one JSON line: for each delivery, {"ok": true, "payload": ...} or {"ok": false, "error": ...}.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const { secret, deliveries } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const webhook = new Webhook(secret);
const results = deliveries.map(({ headers, body }) => {
  try {
    return { ok: true, payload: webhook.verify(body, headers) };
  } catch (error) {
    return { ok: false, error: String(error && error.message || error) };
  }
});
console.log(JSON.stringify(results));
