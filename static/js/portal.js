// Starts GOV.UK Frontend's components and the timeout warning.
// Every page works without this file: the server keeps the limits and drafts.
import { initAll } from "/static/build/govuk-frontend.min.js";

initAll();

function startTimeoutWarning(dialog) {
  const secondsLeft = Number(dialog.dataset.secondsLeft);
  const warnBefore = Number(dialog.dataset.warnBefore);
  const idleLimit = Number(dialog.dataset.idleLimit);
  if (!Number.isFinite(secondsLeft) || typeof dialog.showModal !== "function") return;
  let deadline = Date.now() + secondsLeft * 1000;
  let shown = false;

  const extendForm = dialog.querySelector("[data-timeout-extend]");
  extendForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(extendForm.action, {
      method: "POST",
      body: new FormData(extendForm),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      deadline = Date.now() + idleLimit * 1000;
      shown = false;
      dialog.close();
    } else {
      window.location.href = dialog.dataset.signedOutUrl;
    }
  });

  // Escape means "stay signed in", as in the GOV.UK timeout warning: closing the
  // dialog without extending would sign the person out with no second warning.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    extendForm.requestSubmit();
  });

  window.setInterval(() => {
    const left = (deadline - Date.now()) / 1000;
    if (left <= 0) {
      window.location.href = dialog.dataset.signedOutUrl;
    } else if (left <= warnBefore && !shown) {
      shown = true;
      dialog.showModal();
    }
  }, 1000);
}

const dialog = document.getElementById("timeout-warning");
if (dialog) startTimeoutWarning(dialog);

// The seating picture follows the choices as they change (without JavaScript, the
// "Update the picture" button does the same after saving).
function startSeatingPicture(form) {
  const picture = document.getElementById("seating-picture");
  if (!picture) return;
  form.addEventListener("change", async () => {
    const query = new URLSearchParams();
    for (const box of form.querySelectorAll("input[type=checkbox]:checked")) {
      query.append(box.name, box.value);
    }
    const response = await fetch(`${form.dataset.seatingPicture}?${query}`, { credentials: "same-origin" });
    if (response.ok) picture.innerHTML = await response.text();
  });
}

const seatingForm = document.querySelector("form[data-seating-picture]");
if (seatingForm) startSeatingPicture(seatingForm);

// The plain-language helper as people type: the advice under each answer follows the
// words, a moment after typing stops (without JavaScript, "Check my words" does the same).
function startPlainWords(form) {
  const token = form.querySelector("input[name=csrf_token]");
  for (const box of form.querySelectorAll("[data-plain-words-for]")) {
    const field = form.elements.namedItem(box.dataset.plainWordsFor);
    if (!field || !token) continue;
    let timer;
    field.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(async () => {
        const body = new FormData();
        body.append("csrf_token", token.value);
        body.append("text", field.value);
        const url = `${form.dataset.checkWords}?for=${encodeURIComponent(field.name)}`;
        const response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
        if (response.ok) box.innerHTML = await response.text();
      }, 800);
    });
  }
}

const wordsForm = document.querySelector("form[data-check-words]");
if (wordsForm) startPlainWords(wordsForm);
