// The translator view's boxes for rich text: placeholders ({1}, {/1}, {2/})
// appear as chips that can be moved, deleted and put back from the buttons
// below the box, but not typed into or broken. The textarea stays in the
// form and receives the text with its placeholders; without JavaScript the
// translator types the placeholders in the textarea itself.
(function () {
  "use strict";

  // {1}, {/1} and {2/}, as locales/placeholders.py reads them.
  var TOKEN = /\{\/?[1-9]\d{0,2}\}|\{[1-9]\d{0,2}\/\}/g;

  function chip(token) {
    var span = document.createElement("span");
    span.className = "placeholder-chip";
    span.contentEditable = "false";
    span.dataset.token = token;
    span.textContent = token;
    return span;
  }

  function render(editor, text) {
    editor.textContent = "";
    var position = 0;
    text.replace(TOKEN, function (token, offset) {
      editor.append(document.createTextNode(text.slice(position, offset)));
      editor.append(chip(token));
      position = offset + token.length;
      return token;
    });
    editor.append(document.createTextNode(text.slice(position)));
  }

  function serialise(node) {
    var text = "";
    node.childNodes.forEach(function (child) {
      if (child.nodeType === Node.TEXT_NODE) {
        text += child.textContent;
      } else if (child.dataset && child.dataset.token) {
        text += child.dataset.token;
      } else if (child.nodeName === "BR") {
        text += " ";
      } else {
        text += " " + serialise(child);
      }
    });
    return text.replace(/\s+/g, " ");
  }

  function insertAtCaret(editor, token) {
    editor.focus();
    var selection = window.getSelection();
    var range = selection.rangeCount ? selection.getRangeAt(0) : null;
    if (!range || !editor.contains(range.startContainer)) {
      range = document.createRange();
      range.selectNodeContents(editor);
      range.collapse(false);
    }
    var node = chip(token);
    range.deleteContents();
    range.insertNode(node);
    range.setStartAfter(node);
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function enhance(textarea) {
    var source = textarea.dataset.placeholders.match(TOKEN) || [];
    var editor = document.createElement("div");
    editor.className = "translate-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "false");
    editor.lang = textarea.lang;
    editor.dir = textarea.dir;
    var label = document.querySelector("label[for='" + textarea.id + "']");
    if (label) {
      editor.setAttribute("aria-label", label.textContent.trim());
    }
    render(editor, textarea.value);

    var tools = document.createElement("p");
    tools.className = "translate-chips";
    source.forEach(function (token) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small button-secondary";
      button.textContent = token;
      button.title = textarea.dataset.insertLabel || "";
      button.addEventListener("click", function () {
        insertAtCaret(editor, token);
        sync();
      });
      tools.append(button);
    });

    function sync() {
      textarea.value = serialise(editor).trim();
    }
    editor.addEventListener("input", sync);
    editor.addEventListener("keydown", function (event) {
      // One box is one paragraph: a new paragraph belongs in the source.
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    editor.addEventListener("paste", function (event) {
      event.preventDefault();
      var text = (event.clipboardData || window.clipboardData).getData("text");
      document.execCommand("insertText", false, text.replace(/\s+/g, " "));
    });

    textarea.hidden = true;
    textarea.after(editor);
    if (source.length) {
      editor.after(tools);
    }
  }

  document
    .querySelectorAll("textarea[data-placeholders]")
    .forEach(enhance);
})();
