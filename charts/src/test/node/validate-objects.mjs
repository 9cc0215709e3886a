// Validates Kubernetes objects against the JSON schemas of the npm packages kubernetes-models
// (the Kubernetes OpenAPI) and @kubernetes-models/prometheus-operator (the operator's CRDs).
// Usage: node validate-objects.mjs objects.json   (a JSON array of objects)
// Prints one line per object; exits 1 when any object is invalid or of an unknown kind.
import { readFileSync } from "node:fs";

const objects = JSON.parse(readFileSync(process.argv[2], "utf8"));
let failures = 0;
for (const object of objects) {
  const { apiVersion, kind } = object;
  const name = `${kind}/${object.metadata?.name}`;
  const module = apiVersion.startsWith("monitoring.coreos.com/")
    ? `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`
    : `kubernetes-models/${apiVersion}/${kind}`;
  let Model;
  try {
    Model = (await import(module))[kind];
  } catch (e) {
    console.log(`UNKNOWN ${name}: no schema module ${module}`);
    failures++;
    continue;
  }
  try {
    new Model(object).validate();
    console.log(`OK ${name}`);
  } catch (e) {
    console.log(`INVALID ${name}: ${e.message}`);
    failures++;
  }
}
process.exit(failures === 0 ? 0 : 1);
