// Khooshe sandbox: a small messenger over the emulator's /_driver/ API. No build step, no libraries.
// render.js (loaded first) draws one message; this file polls, routes and sends.
"use strict";

const $ = (sel) => document.querySelector(sel);
const MAX_UPLOAD = 20 * 1024 * 1024;

const state = {
  persona: null, // {id, name, phone, kind, …}
  after: 0, // last event seq seen
  instance: null, // the emulator's event log these seqs belong to (a restarted sandbox starts a new one)
  answersFrom: null, // index into this chat's button answers (toasts)
  replyKb: null, // {rows, oneTime}
  polling: 0, // generation: a new persona stops the old loop
  followUntil: 0, // after the person acts, the replies scroll into view (as a messenger does)
  personas: [],
};

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
  };
  const resp = await fetch(path, init);
  const data = await resp.json().catch(() => ({ok: false, description: resp.statusText}));
  if (!resp.ok || data.ok === false) throw new Error(data.description || resp.statusText);
  return data.result !== undefined ? data.result : data;
}

function userPath(action) { return `/_driver/users/${state.persona.id}/${action}`; }
function follow() { state.followUntil = Date.now() + 5000; }

// ---------------------------------------------------------------- persona picker
function initials(name) { return (name || "?").trim().charAt(0); }

function personaCard(p) {
  const card = document.createElement("a");
  card.className = "persona";
  card.href = `#u=${p.id}`;
  const tags = (p.tags || []).join(" · ");
  card.dataset.search = `${p.name} ${p.subtitle} ${tags}`;
  card.innerHTML = `<span class="avatar"></span><span class="persona-text"><b></b><small></small>` +
    `<small class="tags"></small></span><span class="new-tab" title="باز کردن در زبانهٔ جدید">↗</span>`;
  card.querySelector(".avatar").textContent = initials(p.name);
  card.querySelector("b").textContent = p.name;
  card.querySelector("small").textContent = p.subtitle;
  const tagLine = card.querySelector(".tags");
  tagLine.textContent = tags;
  tagLine.hidden = !tags;
  card.querySelector(".new-tab").addEventListener("click", (e) => {
    e.preventDefault(); e.stopPropagation();
    window.open(`${location.pathname}#u=${p.id}`, "_blank");
  });
  return card;
}

async function showPicker() {
  state.polling += 1;
  $("#chat").hidden = true;
  $("#picker").hidden = false;
  document.title = "خوشه — محیط آزمایشی";
  if (state.personas.length) return;
  const data = await api("/_sandbox/personas");
  state.personas = data.personas;
  $("#bot-name").textContent = data.bot.name;
  for (const p of data.personas) {
    (p.kind === "cda" ? $("#cda-list") : $("#member-list")).append(personaCard(p));
  }
}

$("#member-filter").addEventListener("input", (e) => {
  const q = e.target.value.trim();
  for (const card of $("#member-list").children) card.hidden = q && !card.dataset.search.includes(q);
});

$("#new-visitor").addEventListener("click", async () => {
  const visitor = await api("/_sandbox/visitors", {});
  location.hash = `u=${visitor.id}`;
});

// ---------------------------------------------------------------- chat screen
async function openChat(userId) {
  const generation = ++state.polling;
  state.persona = await api(`/_sandbox/users/${userId}/open`, {}); // a member is greeted with the menu
  Object.assign(state, {after: 0, instance: null, answersFrom: null, replyKb: null});
  $("#messages").replaceChildren();
  renderReplyKb();
  $("#persona-name").textContent = `شما: ${state.persona.name}`;
  document.title = `${state.persona.name} — خوشه`;
  $("#picker").hidden = true;
  $("#chat").hidden = false;
  $("#start-area").hidden = true;
  poll(generation);
}

async function poll(generation) {
  let wait = 0; // the first request returns the history at once
  while (generation === state.polling) {
    try {
      const from = state.answersFrom === null ? 0 : state.answersFrom;
      const known = state.instance ? `&instance=${state.instance}` : "";
      const r = await api(`${userPath("messages")}?after=${state.after}&wait=${wait}&answers_from=${from}${known}`);
      if (generation !== state.polling) return;
      if (state.instance && r.instance !== state.instance) {
        await restarted(generation);
        wait = 0;
        continue;
      }
      state.instance = r.instance;
      const atBottom = nearBottom();
      for (const ev of r.events) applyEvent(ev);
      state.after = r.last_seq;
      if (state.answersFrom !== null) for (const a of r.answers) showAnswer(a);
      state.answersFrom = r.answers_next;
      $("#start-area").hidden = state.after > 0;
      if (r.events.length && (atBottom || wait === 0 || Date.now() < state.followUntil)) scrollDown();
      wait = 20;
    } catch (err) {
      await new Promise((ok) => setTimeout(ok, 1500));
      wait = 0; // the sandbox may be back as a new instance: find out at once
    }
  }
}

// The sandbox restarted: its event numbers and message ids began again at 1, so nothing after our
// `after` would ever come. Keep what the tab showed (greyed, its buttons off: those messages are
// gone on the server), mark the restart, and read the chat again from the start. The reply keyboard
// stays, as a messenger keeps it; the first screen is shown again for a member.
async function restarted(generation) {
  for (const old of $("#messages").querySelectorAll(".msg")) {
    old.removeAttribute("id");
    old.classList.add("stale");
    for (const btn of old.querySelectorAll("button")) btn.disabled = true;
  }
  const note = document.createElement("div");
  note.className = "note";
  note.textContent = "محیط آزمایشی دوباره راه‌اندازی شد؛ پیام‌های بالا از اجرای قبلی است.";
  $("#messages").append(note);
  scrollDown();
  Object.assign(state, {after: 0, instance: null, answersFrom: null});
  if (generation === state.polling) await safely(() => api(`/_sandbox/users/${state.persona.id}/open`, {}));
}

function nearBottom() {
  const box = $("#messages");
  return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
}
function scrollDown() { const box = $("#messages"); box.scrollTop = box.scrollHeight; }

function applyEvent(ev) {
  const m = ev.message;
  const id = `m-${m.message_id}`;
  const old = document.getElementById(id);
  if (ev.action === "delete") { if (old) old.remove(); return; }
  const el = renderMessage(m);
  if (old) {
    old.replaceWith(el);
    if (ev.action === "edit") { el.classList.add("flash"); }
  } else {
    $("#messages").append(el);
  }
  const markup = m.reply_markup || {};
  if (m.from_bot && ev.action === "new") {
    if (markup.keyboard) state.replyKb = {rows: markup.keyboard, oneTime: !!markup.one_time_keyboard, open: true};
    if (markup.remove_keyboard) state.replyKb = null;
    renderReplyKb();
  }
}

async function pressInline(messageId, button, el) {
  if (button.url) { window.open(button.url, "_blank", "noopener"); return; }
  if (button.callback_data == null) { toast("این دکمه در محیط آزمایشی کار نمی‌کند."); return; }
  follow();
  el.classList.add("pressed");
  setTimeout(() => el.classList.remove("pressed"), 600);
  await safely(() => api(userPath("press"), {message_id: messageId, data: button.callback_data}));
}

// ---------------------------------------------------------------- reply keyboard and composer
function renderReplyKb() {
  const box = $("#reply-kb");
  box.replaceChildren();
  const kb = state.replyKb;
  $("#kb-btn").hidden = !kb;
  box.hidden = !kb || !kb.open;
  if (!kb) return;
  for (const row of kb.rows) {
    const line = document.createElement("div");
    line.className = "row";
    for (const b of row) {
      const spec = typeof b === "string" ? {text: b} : b;
      const btn = document.createElement("button");
      btn.type = "button";
      btn.className = "kbtn";
      btn.textContent = spec.text;
      btn.addEventListener("click", () => pressReply(spec));
      line.append(btn);
    }
    box.append(line);
  }
}

async function pressReply(spec) {
  if (state.replyKb && state.replyKb.oneTime) { state.replyKb.open = false; renderReplyKb(); }
  if (spec.request_contact) {
    follow();
    await safely(() => api(userPath("contact"), {phone: state.persona.phone}));
  } else {
    await sendText(spec.text);
  }
}

async function sendText(text) {
  if (!text.trim()) return;
  follow();
  await safely(() => api(userPath("text"), {text}));
  scrollDown();
}

$("#composer").addEventListener("submit", async (e) => {
  e.preventDefault();
  const box = $("#text");
  const text = box.value;
  box.value = "";
  autosize();
  await sendText(text);
  box.focus();
});
$("#text").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); $("#composer").requestSubmit(); }
});
function autosize() { const t = $("#text"); t.style.height = "auto"; t.style.height = `${Math.min(t.scrollHeight, 120)}px`; }
$("#text").addEventListener("input", autosize);
$("#kb-btn").addEventListener("click", () => {
  if (state.replyKb) { state.replyKb.open = !state.replyKb.open; renderReplyKb(); }
});
$("#start-btn").addEventListener("click", () => sendText("/start"));
$("#back").addEventListener("click", () => { location.hash = ""; });

$("#attach-btn").addEventListener("click", () => $("#file-input").click());
$("#file-input").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  e.target.value = "";
  if (!file) return;
  if (file.size > MAX_UPLOAD) { toast("حجم فایل بیش از ۲۰ مگابایت است."); return; }
  const data = await new Promise((ok, fail) => {
    const reader = new FileReader();
    reader.onload = () => ok(String(reader.result).split(",", 2)[1] || "");
    reader.onerror = () => fail(reader.error);
    reader.readAsDataURL(file);
  });
  const caption = $("#text").value;
  $("#text").value = "";
  follow();
  const isPhoto = /^image\/(jpeg|png|webp)$/.test(file.type);
  const body = isPhoto ? {caption, data_base64: data}
    : {caption, data_base64: data, file_name: file.name, mime_type: file.type || undefined};
  await safely(() => api(userPath(isPhoto ? "photo" : "document"), body));
});

$("#menu-btn").addEventListener("click", async () => {
  const sheet = $("#commands");
  if (!sheet.hidden) { sheet.hidden = true; return; }
  const commands = await api(`/_sandbox/users/${state.persona.id}/commands`);
  sheet.replaceChildren();
  for (const c of commands) {
    const btn = document.createElement("button");
    btn.type = "button";
    btn.innerHTML = `<span class="cmd"></span><span></span>`;
    btn.firstChild.textContent = `/${c.command}`;
    btn.lastChild.textContent = c.description;
    btn.addEventListener("click", () => { sheet.hidden = true; sendText(`/${c.command}`); });
    sheet.append(btn);
  }
  sheet.hidden = false;
});

// ---------------------------------------------------------------- toasts, alerts, images
let toastTimer = 0;
function toast(text) {
  const el = $("#toast");
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 2800);
}
function showAnswer(a) {
  if (!a.text) return;
  if (a.show_alert) { $("#alert-text").textContent = a.text; $("#alert").hidden = false; } else toast(a.text);
}
$("#alert-ok").addEventListener("click", () => { $("#alert").hidden = true; });
function openLightbox(src) { $("#lightbox img").src = src; $("#lightbox").hidden = false; }
$("#lightbox").addEventListener("click", () => { $("#lightbox").hidden = true; });

async function safely(action) {
  try { return await action(); } catch (err) { toast(`خطا: ${err.message}`); return null; }
}

// ---------------------------------------------------------------- realism switches
function digitsToLatin(s) {
  return s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660));
}
function showRealism(r) {
  $("#rate-limit").checked = !!r.global_per_second;
  $("#blocked").value = toPersianDigits(r.blocked_user_ids.join("، "));
  const parts = [r.global_per_second ? "محدودیت سرعت روشن" : "محدودیت سرعت خاموش",
    `${faNumber.format(r.blocked_user_ids.length)} کاربر مسدودکننده`];
  $("#realism-status").textContent = parts.join(" · ");
}
$("#realism-btn").addEventListener("click", async () => {
  const panel = $("#realism");
  panel.hidden = !panel.hidden;
  if (!panel.hidden) showRealism(await api("/_driver/realism"));
});
$("#block-some").addEventListener("click", () => {
  const ids = state.personas.filter((p) => p.kind === "member").slice(-5).map((p) => p.id);
  $("#blocked").value = toPersianDigits(ids.join("، "));
});
$("#unblock-all").addEventListener("click", () => { $("#blocked").value = ""; });
$("#realism-save").addEventListener("click", async () => {
  const ids = digitsToLatin($("#blocked").value).split(/[^0-9]+/).filter(Boolean).map(Number);
  const limits = $("#rate-limit").checked ? {global_per_second: 30, per_chat_per_second: 1, retry_after: 1}
    : {global_per_second: null, per_chat_per_second: null};
  const r = await safely(() => api("/_driver/realism", {...limits, blocked_user_ids: ids}));
  if (r) { showRealism(r); toast("شرایط شبیه‌ساز به‌روز شد."); }
});

// ---------------------------------------------------------------- routing (#u=<user id>)
async function route() {
  const match = /u=(\d+)/.exec(location.hash);
  $("#commands").hidden = true;
  if (match) {
    if (!state.personas.length) await safely(showPicker);
    await safely(() => openChat(Number(match[1])));
  } else {
    await safely(showPicker);
  }
}
window.addEventListener("hashchange", route);
route();
