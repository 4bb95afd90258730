// Lints a Dockerfile with dockerfile-utils (the Docker language service's validator: instructions, flags, arguments,
// stages). Prints one line per problem; exits 1 when there is any.
//   node dockerfile.mjs ../../Dockerfile
import { readFileSync } from "node:fs";
import { validate } from "dockerfile-utils";

const file = process.argv[2];
const problems = validate(readFileSync(file, "utf8"));
for (const p of problems) {
  console.log(`${file}:${p.range.start.line + 1}: ${p.message}`);
}
process.exit(problems.length === 0 ? 0 : 1);
