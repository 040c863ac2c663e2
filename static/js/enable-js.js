// Lets GOV.UK Frontend's styles know that JavaScript is running.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
