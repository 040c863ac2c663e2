// Starts GOV.UK Frontend's components. Every page works without this file.
import { initAll } from "/static/build/govuk-frontend.min.js";

initAll();
