// Copies the parts of GOV.UK Frontend the portal serves into static/build/.
// The crown images and the GDS Transport font are deliberately left out.
import { cpSync, mkdirSync } from "node:fs";

const dist = "node_modules/govuk-frontend/dist/govuk";
mkdirSync("static/build/assets/images", { recursive: true });
cpSync(`${dist}/govuk-frontend.min.js`, "static/build/govuk-frontend.min.js");
cpSync("node_modules/axe-core/axe.min.js", "tests/browser/axe.min.js");
