/*
 * 参考事例集の絞り込み（プログレッシブ・エンハンスメント）。
 *
 * case_index() は、絞り込みフォームを hidden 付きで出力し、表の各行に data-region / data-pref / data-type /
 * data-pop / data-theme / data-task / data-proc / data-step（空白区切りの値）を付ける。
 * JavaScript が動くときだけフォームを表示し、選んだ条件のすべてに合う行だけを残して件数を知らせる。
 * 条件はアドレスのクエリ（?pref=千葉県&type=市 など）に書くので、共有でき、再読み込みや「戻る」でも残る
 * （history.replaceState。file:// でも動く）。動かないときは全件の表がそのまま読める。
 * Material のインスタントナビゲーション（document$）でも動く（on-page.js の dxOnPage）。
 */
(function () {
  "use strict";

  function tokens(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  function all(selector, root) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function matches(row, selects) {
    return selects.every(function (s) {
      return !s.value || tokens(row.getAttribute("data-" + s.name)).indexOf(s.value) !== -1;
    });
  }

  function countText(shown, total) {
    if (shown === total) {
      return "全" + total + "件を表示しています。";
    }
    if (shown === 0) {
      return "条件に合う事例はありません（全" + total + "件）。";
    }
    return "全" + total + "件のうち" + shown + "件が条件に合います。";
  }

  /* アドレスのクエリから条件を読む（選択肢にない値は「すべて」） */
  function readQuery(selects) {
    var query = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var value = query.get(s.name) || "";
      var known = all("option", s).some(function (o) { return o.value === value; });
      s.value = known ? value : "";
    });
  }

  /* 条件をアドレスのクエリに書く（履歴は増やさない） */
  function writeQuery(selects) {
    var query = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      if (s.value) {
        query.set(s.name, s.value);
      } else {
        query.delete(s.name);
      }
    });
    var search = query.toString();
    var address = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", address);
    } catch (e) {
      /* アドレスを書き換えられない環境では、絞り込みだけが効く */
    }
  }

  function setUp(form) {
    var table = form.parentNode.querySelector("table.dx-cases");
    if (!table || form.getAttribute("data-ready")) {
      return;
    }
    var rows = all("tbody tr", table);
    var selects = all("select[data-filter]", form);
    var count = form.querySelector(".dx-filter-count");

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row, selects);
        row.hidden = !ok;
        if (ok) {
          shown += 1;
        }
      });
      count.textContent = countText(shown, rows.length);
    }

    selects.forEach(function (s) {
      s.addEventListener("change", function () {
        writeQuery(selects);
        apply();
      });
    });
    form.querySelector("[data-dx-filter-reset]").addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      writeQuery(selects);
      apply();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    window.addEventListener("popstate", function () {
      if (document.body.contains(form)) {
        readQuery(selects);
        apply();
      }
    });
    form.setAttribute("data-ready", "true");
    form.hidden = false;
    readQuery(selects);
    apply();
  }

  function init() {
    all("form.dx-filter", document).forEach(setUp);
  }

  window.dxOnPage(init); // ページが替わるたびに実行する（setUp はフォームごとに1回だけ効く）
})();
