/* The report editor, made quicker with a script: moving a point (its buttons, Alt+Up/Down
   in it, or dragging it by its handle) happens in the page and is announced; "Split" cuts
   the point at the cursor. Without this script every button still works, through the server.
   A numbered point moves with its sub-points, as the server moves it (reports/forms.py).
   Nothing here saves: the form is saved by its Save button, as without the script. */
(function () {
  "use strict";
  var form = document.querySelector("form.report-editor");
  if (!form) { return; }
  var list = form.querySelector("#point-list");
  var status = form.querySelector("#editor-status");
  var rowSelector = "li[data-point-row]";

  function rows() { return Array.prototype.slice.call(list.querySelectorAll(rowSelector)); }
  function live(row) { return !row.classList.contains("removed"); }
  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (m, name) { return values[name]; });
  }
  function announce(text) {
    // Emptied first so that the same words said twice are announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 30);
  }
  function letters(n) {
    var letter = String.fromCharCode(97 + (n % 26));
    return new Array(Math.floor(n / 26) + 2).join(letter);
  }

  /* The fields of row i are named points-i-…: renumber them in the order of the page, and the
     labels 1., 2., a), … by the kind of each point. */
  function renumber() {
    var number = 0, sub = 0;
    rows().forEach(function (row, index) {
      row.querySelectorAll("[name], [id], [for], [aria-labelledby], button[value]").forEach(
        function (el) {
          ["name", "id", "for", "aria-labelledby"].forEach(function (attr) {
            var value = el.getAttribute(attr);
            if (value) { el.setAttribute(attr, value.replace(/points-\d+-/, "points-" + index + "-")); }
          });
          if (el.tagName === "BUTTON" && /^\w+:\d+$/.test(el.value)) {
            el.value = el.value.replace(/:\d+$/, ":" + index);
          }
        });
      if (!live(row)) { return; }
      var select = row.querySelector("select[name$='-level']");
      var level = select && select.value === "1" ? 1 : 0;
      row.classList.toggle("sub", level === 1);
      var label;
      if (level === 0 || number === 0) { number += 1; sub = 0; label = number + "."; }
      else { label = letters(sub) + ")"; sub += 1; }
      var span = row.querySelector(".point-number");
      if (span) { span.textContent = label; }
    });
  }

  function numberOf(row) {
    var span = row.querySelector(".point-number");
    return span ? span.textContent.replace(/\.$/, "") : "";  // "3", as a sentence says it
  }

  function neighbour(row, step) {
    var all = rows(), i = all.indexOf(row) + step;
    while (i >= 0 && i < all.length) {
      if (live(all[i])) { return all[i]; }
      i += step;
    }
    return null;
  }

  function levelOf(row) {
    var select = row.querySelector("select[name$='-level']");
    return select && select.value === "1" ? 1 : 0;
  }

  /* The rows numbered 1., 2., …: the live points of level 0, and the first live row whatever
     its level. */
  function heads() {
    return rows().filter(function (row, index, all) {
      if (!live(row)) { return false; }
      if (levelOf(row) === 0) { return true; }
      return !all.slice(0, index).some(live);
    });
  }

  /* A numbered point and the rows up to the next one: its sub-points (deleted ones too). */
  function block(head) {
    var all = rows(), list = heads(), next = list[list.indexOf(head) + 1];
    var end = next ? all.indexOf(next) : all.length;
    return all.slice(all.indexOf(head), end);
  }

  function place(nodes, reference) {
    nodes.forEach(function (node) { list.insertBefore(node, reference); });
  }

  function move(row, step, keepFocus) {
    var numbered = heads(), at = numbered.indexOf(row), other;
    if (at >= 0) {
      other = numbered[at + step] || null;
    } else {
      other = neighbour(row, step);
    }
    if (!other) {
      announce(form.dataset[step < 0 ? "first" : "last"]);
      return;
    }
    var focused = document.activeElement;
    var start = focused && focused.selectionStart, end = focused && focused.selectionEnd;
    if (at >= 0) {
      // Past the whole of the point next to it, with its own sub-points.
      var after = block(other);
      place(block(row), step < 0 ? other : after[after.length - 1].nextSibling);
    } else {
      list.insertBefore(row, step < 0 ? other : other.nextSibling);
    }
    renumber();
    if (keepFocus && focused && row.contains(focused)) {
      focused.focus();
      if (typeof start === "number" && focused.setSelectionRange) {
        focused.setSelectionRange(start, end);
      }
    }
    announce(format(form.dataset.moved, { number: numberOf(row) }));
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-move]");
    if (button) {
      event.preventDefault();
      move(button.closest(rowSelector), button.dataset.move === "up" ? -1 : 1, true);
      return;
    }
    var split = event.target.closest("button[data-split]");
    if (split) {
      // The server splits at this character of the text (counted as it counts them).
      var row = split.closest(rowSelector);
      var text = row.querySelector("textarea");
      var at = row.querySelector("input[name$='-split_at']");
      var cursor = text.dataset.cursor;
      if (at && cursor !== undefined) {
        at.value = Array.from(text.value.slice(0, Number(cursor))).length;
      }
    }
  });

  // Where the cursor was in a point's text when it left for the Split button.
  form.addEventListener("focusout", function (event) {
    var text = event.target;
    if (text.tagName === "TEXTAREA" && text.closest(rowSelector)) {
      text.dataset.cursor = String(text.selectionStart);
    }
  });

  form.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) { return; }
    var row = event.target.closest && event.target.closest(rowSelector);
    if (!row || !live(row)) { return; }
    event.preventDefault();
    move(row, event.key === "ArrowUp" ? -1 : 1, true);
  });

  form.addEventListener("change", function (event) {
    if (event.target.matches("select[name$='-level']")) { renumber(); }
  });

  /* Dragging a point by its handle. */
  var dragged = null;
  rows().forEach(function (row) {
    var handle = row.querySelector(".drag-handle");
    if (!handle) { return; }
    handle.hidden = false;
    handle.setAttribute("draggable", "true");
  });
  var carried = [];  // the dragged row, and its sub-points when it is a numbered point
  function following(node) {  // the first node after this one that is not being carried
    var next = node.nextSibling;
    while (next && carried.indexOf(next) >= 0) { next = next.nextSibling; }
    return next;
  }
  list.addEventListener("dragstart", function (event) {
    var handle = event.target.closest && event.target.closest(".drag-handle");
    if (!handle) { return; }
    dragged = handle.closest(rowSelector);
    carried = heads().indexOf(dragged) >= 0 ? block(dragged) : [dragged];
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", numberOf(dragged));
    if (event.dataTransfer.setDragImage) { event.dataTransfer.setDragImage(dragged, 10, 10); }
  });
  list.addEventListener("dragover", function (event) {
    if (!dragged) { return; }
    event.preventDefault();
    var target = event.target.closest(rowSelector);
    if (!target || carried.indexOf(target) >= 0) { return; }
    var box = target.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    if (carried.length > 1 || heads().indexOf(dragged) >= 0) {
      // A numbered point lands between points, never among another point's sub-points.
      // The point the target row belongs to; over its sub-points, the place after them.
      var numbered = heads().filter(function (row) { return carried.indexOf(row) < 0; });
      var all = rows(), owner = null;
      numbered.forEach(function (head) {
        if (all.indexOf(head) <= all.indexOf(target)) { owner = head; }
      });
      if (!owner) {
        owner = numbered[0];
        after = false;
      } else if (target !== owner) {
        after = true;
      }
      if (!owner) { return; }
      var whole = block(owner).filter(function (row) { return carried.indexOf(row) < 0; });
      place(carried, after ? following(whole[whole.length - 1]) : owner);
    } else {
      list.insertBefore(dragged, after ? target.nextSibling : target);
    }
  });
  list.addEventListener("drop", function (event) {
    if (dragged) { event.preventDefault(); }
  });
  list.addEventListener("dragend", function () {
    if (!dragged) { return; }
    dragged.classList.remove("dragging");
    renumber();
    announce(format(form.dataset.moved, { number: numberOf(dragged) }));
    dragged = null;
    carried = [];
  });

  /* A point's text box grows with its text, so that a long point is read whole. */
  function fit(text) {
    text.style.height = "auto";
    text.style.height = (text.scrollHeight + 4) + "px";
  }
  form.querySelectorAll("textarea.point-text").forEach(fit);
  form.addEventListener("input", function (event) {
    if (event.target.matches("textarea.point-text")) { fit(event.target); }
  });

  form.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
})();
