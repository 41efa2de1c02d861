/* Keyboard and screen-reader access to Material's <label> toggles (works online and from file://).
   - The header's menu and search buttons are <label for="__drawer|__search">, which a keyboard cannot reach; in the
     narrow layout (phones, or 200 % zoom) they are the only way to the navigation and the search.
   - The navigation's section toggles are focusable but have no name and ignore Space.
   Each becomes a named button with aria-expanded that Enter and Space operate.
   - Icon-only links (edit, repository) are named by their title, which Material's tooltips remove on focus.
   - The search dialog gets a name. */
(function () {
  "use strict";
  var HEADER = { __drawer: "ナビゲーションメニュー", __search: "検索" };

  function asButton(label, toggle, name) {
    if (label.hasAttribute("data-dx-button")) return;
    label.setAttribute("data-dx-button", "");
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", name);
    label.setAttribute("aria-expanded", String(toggle.checked));
    label.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" && ev.key !== " ") return;
      ev.preventDefault();
      ev.stopPropagation();  /* Material's own Enter handler would click a second time */
      label.click();
    });
    toggle.addEventListener("change", function () {
      label.setAttribute("aria-expanded", String(toggle.checked));
    });
  }

  function headerButtons() {
    Object.keys(HEADER).forEach(function (id) {
      var toggle = document.getElementById(id);
      var label = document.querySelector('label.md-header__button[for="' + id + '"]');
      if (toggle && label) asButton(label, toggle, HEADER[id]);
    });
  }

  function sectionToggles() {
    document.querySelectorAll(".md-nav--primary label.md-nav__link[for][tabindex]").forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      var link = label.parentElement.querySelector("a.md-nav__link");
      if (!toggle || !link || label.textContent.trim()) return;
      var title = link.textContent.trim();
      asButton(label, toggle, title + "の下位項目");
    });
  }

  /* Section menus are named by a label that is empty (an icon) or missing: name them by their title instead. */
  function navNames() {
    document.querySelectorAll(".md-nav[aria-labelledby]").forEach(function (nav) {
      var named = nav.getAttribute("aria-labelledby").split(/\s+/).every(function (id) {
        var el = document.getElementById(id);
        return el && el.textContent.trim();
      });
      var title = nav.querySelector(":scope > .md-nav__title");
      if (named || !title || !title.textContent.trim()) return;
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    });
  }

  /* The skip link moves keyboard focus to the content. It is not followed as a link: the history entry it would add
     makes instant navigation re-render the page, which drops the focus again. */
  function skipLink() {
    var skip = document.querySelector("a.md-skip");
    if (!skip || skip.hasAttribute("data-dx-skip")) return;
    skip.setAttribute("data-dx-skip", "");
    skip.addEventListener("click", function (ev) {
      var target = document.getElementById(decodeURIComponent(skip.hash.slice(1)));
      if (!target) return;
      ev.preventDefault();
      ev.stopPropagation();
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    });
  }

  function searchDialogName() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "サイト内検索");
  }

  function iconLinkNames() {
    document.querySelectorAll("a[title], button[title]").forEach(function (el) {
      if (!el.hasAttribute("aria-label") && !el.textContent.trim()) el.setAttribute("aria-label", el.title);
    });
  }

  /* Opening the search from its button puts the cursor in the search box; closing it returns to the button. */
  function searchFocus() {
    var search = document.getElementById("__search");
    if (!search || search.hasAttribute("data-dx-focus")) return;
    search.setAttribute("data-dx-focus", "");
    search.addEventListener("change", function () {
      var button = document.querySelector('label.md-header__button[for="__search"]');
      var input = document.querySelector(".md-search__input");
      if (!button || !button.offsetParent || !input) return;  /* wide layout: the box is always in the header */
      if (search.checked) input.focus();
      else if (document.activeElement === document.body || document.activeElement === input) button.focus();
    });
  }

  /* Opening the drawer moves focus into it; Escape closes it and returns focus to the menu button. */
  function drawerFocus() {
    var drawer = document.getElementById("__drawer");
    if (!drawer || drawer.hasAttribute("data-dx-focus")) return;
    drawer.setAttribute("data-dx-focus", "");
    drawer.addEventListener("change", function () {
      if (!drawer.checked) return;
      var target = document.querySelector(".md-sidebar--primary a[href]");
      if (target) target.focus();
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape" || !drawer.checked) return;
      drawer.click();
      var button = document.querySelector('label.md-header__button[for="__drawer"]');
      if (button) button.focus();
    });
  }

  function init() {
    headerButtons();
    sectionToggles();
    navNames();
    skipLink();
    iconLinkNames();
    searchDialogName();
    searchFocus();
    drawerFocus();
  }

  window.dxOnPage(init);  /* on every page, after instant navigation too (on-page.js); init() is idempotent */
})();
