/*
 * 参考事例集の絞り込み（プログレッシブ・エンハンスメント）。
 *
 * case_index() は、絞り込みフォームを hidden 付きで出力し、表の各行に
 * data-theme / data-step / data-type（空白区切りの値）を付ける。
 * JavaScript が動くときだけフォームを表示し、選んだ条件に合う行だけを残す。
 * 動かないときは全件の表がそのまま読める。file:// でも、Material の
 * インスタントナビゲーション（document$）でも動く（on-page.js の dxOnPage）。
 */
(function () {
  "use strict";

  function tokens(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  function matches(row, filters) {
    return filters.every(function (f) {
      return !f.value || tokens(row.getAttribute("data-" + f.name)).indexOf(f.value) !== -1;
    });
  }

  function countText(shown, total) {
    if (shown === total) {
      return "全" + total + "件を表示しています。";
    }
    if (shown === 0) {
      return "条件に合う事例はありません（全" + total + "件）。";
    }
    return "全" + total + "件のうち" + shown + "件を表示しています。";
  }

  function setUp(form) {
    var table = form.parentNode.querySelector("table.dx-cases");
    if (!table || form.getAttribute("data-ready")) {
      return;
    }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = form.querySelector(".dx-filter-count");

    function apply() {
      var filters = selects.map(function (s) {
        return { name: s.getAttribute("data-filter"), value: s.value };
      });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row, filters);
        row.hidden = !ok;
        if (ok) {
          shown += 1;
        }
      });
      if (count) {
        count.textContent = countText(shown, rows.length);
      }
    }

    selects.forEach(function (s) {
      s.addEventListener("change", apply);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.setAttribute("data-ready", "true");
    form.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.dx-filter"), setUp);
  }

  window.dxOnPage(init); // ページが替わるたびに実行する（setUp はフォームごとに1回だけ効く）
})();
