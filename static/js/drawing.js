// Drawing on the screen for a young person's view: a canvas saved as a PNG and put into
// the picture form's file field, so it goes through the same checks as any upload.
// Without JavaScript the canvas stays hidden and the upload works on its own.
(function () {
  function start(box) {
    const canvas = box.querySelector("[data-drawing-canvas]");
    const form = box.parentElement.querySelector("form[enctype='multipart/form-data']");
    const input = form && form.querySelector("input[type=file]");
    if (!canvas || !input || typeof DataTransfer === "undefined") return;
    const pen = canvas.getContext("2d");
    pen.fillStyle = "#ffffff";
    pen.fillRect(0, 0, canvas.width, canvas.height);
    pen.lineWidth = 6;
    pen.lineCap = "round";
    pen.strokeStyle = "#0b0c0c";
    canvas.style.width = "100%";
    canvas.style.maxWidth = canvas.width + "px";
    canvas.style.border = "2px solid #0b0c0c";
    canvas.style.touchAction = "none";
    let drawing = false;
    function point(event) {
      const box = canvas.getBoundingClientRect();
      return [
        ((event.clientX - box.left) * canvas.width) / box.width,
        ((event.clientY - box.top) * canvas.height) / box.height,
      ];
    }
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      const [x, y] = point(event);
      pen.beginPath();
      pen.moveTo(x, y);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      const [x, y] = point(event);
      pen.lineTo(x, y);
      pen.stroke();
    });
    ["pointerup", "pointercancel"].forEach(function (name) {
      canvas.addEventListener(name, function () {
        drawing = false;
      });
    });
    box.querySelector("[data-drawing-clear]").addEventListener("click", function () {
      pen.fillStyle = "#ffffff";
      pen.fillRect(0, 0, canvas.width, canvas.height);
      box.querySelector("[data-drawing-ready]").hidden = true;
    });
    box.querySelector("[data-drawing-use]").addEventListener("click", function () {
      canvas.toBlob(function (blob) {
        if (!blob) return;
        const files = new DataTransfer();
        files.items.add(new File([blob], "drawing.png", { type: "image/png" }));
        input.files = files.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        box.querySelector("[data-drawing-ready]").hidden = false;
        const caption = form.querySelector("input[type=text]");
        if (caption) caption.focus();
      }, "image/png");
    });
    box.hidden = false;
  }
  document.querySelectorAll("[data-drawing]").forEach(start);
})();
