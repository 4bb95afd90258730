// Validates route files against Camel's YAML DSL JSON schema (the camelYamlDsl.json that camel-yaml-dsl ships, the
// one editors such as VS Code and Kaoto check routes with). Prints "<file>: OK" or one line per problem (the most
// specific ones: the schema's oneOf alternatives make the rest noise); exits 1 when any file is invalid.
//   node validate.mjs <camelYamlDsl.json> <route file>...
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const [schemaFile, ...files] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
// the schema declares draft-04, which ajv 8 does not load; its keywords read the same under ajv's default draft
delete schema.$schema;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let invalid = 0;
for (const file of files) {
  let routes;
  try {
    routes = parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.log(`${file}: not YAML: ${e.message}`);
    invalid++;
    continue;
  }
  if (validate(routes)) {
    console.log(`${file}: OK`);
    continue;
  }
  invalid++;
  // an error is reported unless a deeper one lies under it, and "matches no alternative" only when nothing else is
  const leaves = validate.errors.filter((e) => !validate.errors.some((o) => o.instancePath.startsWith(`${e.instancePath}/`)));
  const plain = leaves.filter((e) => !["oneOf", "anyOf", "not", "required"].includes(e.keyword));
  const specific = plain.length > 0 ? plain : leaves;
  const lines = new Set(specific.map((e) => {
    const extra = e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : "";
    return `${file}: ${e.instancePath || "/"} ${e.message}${extra} (value: ${JSON.stringify(valueAt(routes, e.instancePath))})`;
  }));
  for (const line of lines) console.log(line);
}
process.exit(invalid === 0 ? 0 : 1);

function valueAt(document, pointer) {
  const value = pointer.split("/").slice(1).reduce((node, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  const text = JSON.stringify(value);
  return text !== undefined && text.length > 80 ? `${text.slice(0, 77)}...` : value;
}
