// Khooshe sandbox: how one chat message looks (bubbles, safe HTML, files, inline keyboards).
"use strict";

const faNumber = new Intl.NumberFormat("fa-IR");
const faTime = new Intl.DateTimeFormat("fa-IR", {
  hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Tehran",
});

// ---------------------------------------------------------------- rendering one message
const ALLOWED = {
  B: "b", STRONG: "b", I: "i", EM: "i", U: "u", INS: "u", S: "s", STRIKE: "s", DEL: "s",
  CODE: "code", PRE: "pre", BLOCKQUOTE: "blockquote", A: "a", "TG-SPOILER": "span", SPAN: "span",
};

function cleanNodes(node) {
  const out = document.createDocumentFragment();
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) { out.append(child.data); continue; }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = ALLOWED[child.tagName];
    const inner = cleanNodes(child);
    if (!tag) { out.append(inner); continue; }
    const el = document.createElement(tag);
    if (tag === "a") {
      const href = child.getAttribute("href") || "";
      if (/^(https?:|tg:|mailto:)/i.test(href)) Object.assign(el, {href, target: "_blank", rel: "noopener noreferrer"});
    }
    if (child.tagName === "TG-SPOILER" || child.classList.contains("tg-spoiler")) {
      el.className = "spoiler";
      el.addEventListener("click", () => el.classList.toggle("open"));
    }
    el.append(inner);
    out.append(el);
  }
  return out;
}

function textBlock(m) {
  const div = document.createElement("div");
  div.className = "text";
  div.dir = "auto"; // each bubble follows its own text, as Telegram clients do: «/admin», not «admin/»
  if ((m.parse_mode || "").toLowerCase() === "html") {
    div.append(cleanNodes(new DOMParser().parseFromString(`<body>${m.text}</body>`, "text/html").body));
  } else {
    div.textContent = m.text;
  }
  return div;
}

function fileUrl(m) { return `/_driver/files/${encodeURIComponent(m.file_id)}`; }

function sizeText(bytes) {
  if (bytes == null) return "";
  if (bytes < 1024) return `${faNumber.format(bytes)} بایت`;
  if (bytes < 1024 * 1024) return `${faNumber.format(Math.round(bytes / 1024))} کیلوبایت`;
  return `${faNumber.format(Math.round(bytes / 104857.6) / 10)} مگابایت`;
}

function mediaBlock(m) {
  const isImage = m.kind === "photo" || (m.mime_type || "").startsWith("image/");
  if (isImage && m.file_id) {
    const img = document.createElement("img");
    img.className = "photo";
    img.src = fileUrl(m);
    img.alt = m.file_name || "عکس";
    img.addEventListener("click", () => openLightbox(img.src));
    return img;
  }
  const link = document.createElement("a");
  link.className = "file";
  link.href = fileUrl(m);
  link.download = m.file_name || "";
  link.innerHTML = `<span class="file-icon">⬇</span><span><span class="file-name"></span><small></small></span>`;
  link.querySelector(".file-name").textContent = m.file_name || (m.kind === "video" ? "ویدیو" : "فایل");
  link.querySelector("small").textContent = `${sizeText(m.document_size)} · دریافت`;
  return link;
}

function contactBlock(m) {
  const div = document.createElement("div");
  div.className = "contact";
  const phone = document.createElement("bdi");
  phone.dir = "ltr";
  phone.textContent = toPersianDigits(m.contact.phone_number || "");
  div.append(`📱 ${m.contact.first_name || ""} `, phone);
  return div;
}

function toPersianDigits(s) { return String(s).replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]); }

function renderMessage(m) {
  const wrap = document.createElement("div");
  wrap.className = `msg ${m.from_bot ? "bot" : "me"}`;
  wrap.id = `m-${m.message_id}`;
  wrap.dataset.kind = m.kind;
  const bubble = document.createElement("div");
  bubble.className = "bubble";
  if (["photo", "document", "video", "audio", "animation", "voice"].includes(m.kind)) bubble.append(mediaBlock(m));
  if (m.kind === "contact" && m.contact) bubble.append(contactBlock(m));
  if (m.text) bubble.append(textBlock(m));
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = (m.edited ? "ویرایش‌شده · " : "") + faTime.format(new Date(m.date * 1000));
  bubble.append(meta);
  wrap.append(bubble);
  const rows = (m.reply_markup || {}).inline_keyboard;
  if (m.from_bot && rows && rows.length) wrap.append(inlineKeyboard(m, rows));
  return wrap;
}

function inlineKeyboard(m, rows) {
  const kb = document.createElement("div");
  kb.className = "inline-kb";
  for (const row of rows) {
    const line = document.createElement("div");
    line.className = "row";
    for (const b of row) {
      const btn = document.createElement("button");
      btn.type = "button";
      btn.className = "ibtn" + (b.url ? " url" : "");
      btn.textContent = b.text;
      btn.addEventListener("click", () => pressInline(m.message_id, b, btn));
      line.append(btn);
    }
    kb.append(line);
  }
  return kb;
}
