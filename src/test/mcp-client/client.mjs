// Drives the hub's MCP server with the official TypeScript SDK, as an assistant would, and reports what it saw.
// Usage: node client.mjs <plan.json> <report.json>
//   plan:   {"url": "http://127.0.0.1:<port>/mcp", "token": "<JWT>" | null,
//            "steps": [{"op": "list"} | {"op": "call", "name": "<tool>", "arguments": {...}}
//                      | {"op": "templates"} | {"op": "read", "uri": "<resource>"}]}
//   report: {"connected": bool, "error"?: string, "server"?: {...}, "results": [{op, name?, tools?|result?|error?}]}
// The JUnit test (McpClientTest) writes the plan, with tokens it minted, and asserts on the report.
import { readFileSync, writeFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [planFile, reportFile] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, "utf8"));
const report = { connected: false, results: [] };

const headers = plan.token ? { Authorization: `Bearer ${plan.token}` } : {};
const transport = new StreamableHTTPClientTransport(new URL(plan.url), { requestInit: { headers } });
const client = new Client({ name: "switchboard-test-client", version: "1.0.0" });

try {
  await client.connect(transport);
  report.connected = true;
  report.server = { info: client.getServerVersion(), capabilities: client.getServerCapabilities(),
                    instructions: client.getInstructions() };
  for (const step of plan.steps) {
    try {
      if (step.op === "list") {
        const { tools } = await client.listTools();
        report.results.push({ op: "list", tools });
      } else if (step.op === "call") {
        const result = await client.callTool({ name: step.name, arguments: step.arguments ?? {} });
        report.results.push({ op: "call", name: step.name, result });
      } else if (step.op === "templates") {
        const { resourceTemplates } = await client.listResourceTemplates();
        report.results.push({ op: "templates", resourceTemplates });
      } else if (step.op === "read") {
        const result = await client.readResource({ uri: step.uri });
        report.results.push({ op: "read", uri: step.uri, result });
      } else {
        report.results.push({ op: step.op, error: "unknown step" });
      }
    } catch (e) {
      report.results.push({ op: step.op, name: step.name, error: String(e?.message ?? e), code: e?.code ?? null,
                            data: e?.data ?? null });
    }
  }
} catch (e) {
  report.error = String(e?.message ?? e);
  report.errorCode = e?.code ?? null;
} finally {
  await client.close().catch(() => {});
}
writeFileSync(reportFile, JSON.stringify(report, null, 2));
