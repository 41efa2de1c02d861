/*
 * 作業項目①〜⑰の流れ（ステップナビゲーション）と「あなたの移行パターン」（プログレッシブ・エンハンスメント）。
 *
 * step_nav() と pattern_choice() は、JavaScript がなくても読める HTML を出力する（全作業を表示、
 * このページの作業に印）。このスクリプトは次のことだけを行う。
 * - 広い画面では、流れのブロックを右の目次欄の上へ移す（狭い画面と印刷では本文の上に戻す）。
 * - 読んでいる節の作業に aria-current="step" を付け直す。
 * - 選んだパターン（A／B／両方）を localStorage に保存し（送信はしない。file:// でも動く）、
 *   data-patterns を持つ要素のうち、そのパターンで行わない作業に「対象外」と示す。
 * - フェーズの概要ページ（phase_items()）では、作業項目がまだこのページの節だったころのリンク
 *   （#std-05、#std-02a-items など）を、その作業項目のページの同じアンカーへ送る（file:// でも動く）。
 * Material のインスタントナビゲーション（document$）でページが替わるたびに実行し直す（on-page.js の dxOnPage）。
 */
(function () {
  "use strict";

  var KEY = "dx-pattern";
  var WIDE = window.matchMedia("(min-width: 76.25em)");
  var PRINT = window.matchMedia("print");
  var memory = "AB"; // localStorage が使えないときの代わり（このページを開いている間だけ）
  var current = null; // { nav, placeholder, items }

  function stored() {
    try {
      return window.localStorage.getItem(KEY) || memory;
    } catch (e) {
      return memory;
    }
  }

  function store(value) {
    memory = value;
    try {
      window.localStorage.setItem(KEY, value);
    } catch (e) {
      /* 保存できない環境では、このページの間だけ効く */
    }
  }

  function tokens(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function noteText(pattern) {
    return "（" + pattern + " パターンでは対象外）";
  }

  /* --- パターンの反映 --- */

  function clearMarks() {
    all(".dx-na").forEach(function (el) { el.classList.remove("dx-na"); });
    all("[data-dx-na-note]").forEach(function (el) { el.parentNode.removeChild(el); });
  }

  function mark(el, pattern) {
    el.classList.add("dx-na");
    var note = document.createElement("span");
    note.className = "dx-na-note";
    note.setAttribute("data-dx-na-note", "");
    note.textContent = noteText(pattern);
    var target = el.tagName === "TR" ? (el.querySelector("th[scope=row]") || el.querySelector("th") || el) : el;
    target.appendChild(note);
  }

  function sectionNote(heading, label, pattern) {
    var note = document.createElement("p");
    note.className = "dx-na-section";
    note.setAttribute("data-dx-na-note", "");
    note.textContent = label + "は、選んだ " + pattern + " パターンでは行わない作業である。 ";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = "すべての作業を表示する";
    button.addEventListener("click", function () { choose("AB"); });
    note.appendChild(button);
    heading.parentNode.insertBefore(note, heading.nextSibling);
  }

  function apply() {
    var pattern = stored();
    clearMarks();
    var skipped = [];
    if (pattern === "A" || pattern === "B") {
      all(".md-content [data-patterns], .dx-stepnav [data-patterns]").forEach(function (el) {
        if (tokens(el.getAttribute("data-patterns")).indexOf(pattern) === -1) {
          mark(el, pattern);
        }
      });
      var seen = {};
      all(".dx-stepnav__item.dx-na").forEach(function (li) {
        var id = li.getAttribute("data-task");
        if (seen[id]) {
          return;
        }
        seen[id] = true;
        var label = li.querySelector("a").textContent;
        skipped.push(label.charAt(0));
        var heading = document.getElementById(id);
        if (heading && /^H[1-6]$/.test(heading.tagName)) {
          sectionNote(heading, label, pattern);
        }
      });
    }
    all("[data-dx-pattern-choice]").forEach(function (form) {
      all('input[name="dx-pattern"]', form).forEach(function (input) {
        input.checked = input.value === pattern;
      });
      var status = form.querySelector(".dx-pattern-choice__status");
      var reset = form.querySelector("[data-dx-pattern-reset]");
      var filtered = skipped.length > 0;
      status.textContent = filtered
        ? pattern + " パターンを選んでいます。" + pattern + " パターンでは行わない作業（" + skipped.join("、") +
          "）に「対象外」と示しています。"
        : (pattern === "A" || pattern === "B" ? pattern + " パターンを選んでいます。" : "すべての作業を表示しています。");
      reset.hidden = !filtered;
    });
  }

  function choose(value) {
    store(value);
    apply();
  }

  function setUpChoice(form) {
    all('input[name="dx-pattern"]', form).forEach(function (input) {
      input.addEventListener("change", function () { choose(input.value); });
    });
    form.querySelector("[data-dx-pattern-reset]").addEventListener("click", function () { choose("AB"); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.setAttribute("data-ready", "true");
    form.hidden = false;
  }

  /* --- 広い画面では目次欄へ --- */

  function place() {
    if (!current) {
      return;
    }
    var sidebar = document.querySelector(".md-sidebar--secondary .md-sidebar__inner");
    var toSidebar = WIDE.matches && !PRINT.matches && sidebar && !current.printing;
    if (toSidebar && current.nav.parentNode !== sidebar) {
      sidebar.insertBefore(current.nav, sidebar.firstChild);
      current.nav.open = true;
    } else if (!toSidebar && current.nav.previousSibling !== current.placeholder) {
      current.placeholder.parentNode.insertBefore(current.nav, current.placeholder.nextSibling);
    }
    current.nav.classList.toggle("dx-stepnav--sidebar", !!toSidebar);
  }

  /* --- 読んでいる節の作業を現在の作業にする --- */

  function follow() {
    if (!current || current.items.length === 0) {
      return;
    }
    var line = window.innerHeight * 0.3;
    var active = current.items[0];
    current.items.forEach(function (item) {
      if (item.heading.getBoundingClientRect().top <= line) {
        active = item;
      }
    });
    current.items.forEach(function (item) {
      if (item === active) {
        item.link.setAttribute("aria-current", "step");
      } else {
        item.link.removeAttribute("aria-current");
      }
    });
  }

  var pending = false;
  function onScroll() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () { pending = false; follow(); });
    }
  }

  function setUpNav(nav) {
    var placeholder = document.createElement("span");
    placeholder.hidden = true;
    nav.parentNode.insertBefore(placeholder, nav);
    var items = all(".dx-stepnav__item--here", nav).map(function (li) {
      return { link: li.querySelector("a"), heading: document.getElementById(li.getAttribute("data-task")) };
    }).filter(function (item) { return item.heading; });
    nav.setAttribute("data-ready", "true");
    current = { nav: nav, placeholder: placeholder, items: items, printing: false };
    if (!WIDE.matches) {
      nav.open = false; // 狭い画面では畳んでおく（見出しに「このページは⑬〜⑰」が出る）
    }
    place();
    follow();
  }

  /* --- 作業項目のページへ移った節へのリンク --- */

  function followMoved() {
    var list = document.querySelector("[data-dx-moved]");
    var id = decodeURIComponent(window.location.hash.slice(1));
    var task = /^std-\d\d/.exec(id);
    var link = list && task && list.querySelector('li[data-task="' + task[0] + '"] a');
    if (!link) {
      return false;
    }
    window.location.replace(link.href.split("#")[0] + "#" + id);
    return true;
  }

  function init() {
    if (followMoved()) {
      return;
    }
    var nav = document.querySelector("[data-dx-stepnav]");
    if (!nav) {
      current = null;
    } else if (!current || current.nav !== nav) {
      setUpNav(nav);
    }
    all("[data-dx-pattern-choice]:not([data-ready])").forEach(setUpChoice);
    apply();
  }

  window.addEventListener("scroll", onScroll, { passive: true });
  window.addEventListener("hashchange", function () { followMoved() || follow(); });
  window.addEventListener("beforeprint", function () {
    if (current) { current.printing = true; current.nav.open = true; place(); }
  });
  window.addEventListener("afterprint", function () {
    if (current) { current.printing = false; place(); }
  });
  [WIDE, PRINT].forEach(function (query) {
    if (typeof query.addEventListener === "function") {
      query.addEventListener("change", place);
    }
  });
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) { apply(); }
  });

  window.dxOnPage(init); // ページが替わるたびに実行する（init は何度呼んでもよい）
})();
