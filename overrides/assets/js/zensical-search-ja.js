/*
 * Japanese strings for Zensical's search dialog (Zensical builds only: listed in zensical.yml).
 *
 * Zensical 0.0.73 renders its search UI (a Preact app in an open shadow root on a <div> appended to
 * <body>) with English strings written into its bundle: "Search", "Close search", "45 results", …
 * Its __config translations (search.result.*) are Japanese but that UI does not read them. This
 * script rewrites the strings in the shadow root as the app renders them, using those translations
 * where they exist, so the dialog speaks the page's language (JIS X 8341-3 3.1.1/3.1.2).
 * Remove it once Zensical localises its search UI.
 */
(function () {
  "use strict"

  var config = document.getElementById("__config")
  var t = config ? JSON.parse(config.textContent).translations || {} : {}
  var TEXT = {
    "Search": "検索",
    "Close search": "検索を閉じる",
    "Filters": "絞り込み",
    "Tags": "タグ",
    "Search results": "検索結果",
    "No results": t["search.result.none"] || "何も見つかりませんでした",
    "Loading search\u2026": "検索を準備しています\u2026",
    "Search is unavailable. Reload the page to try again.": "検索を利用できません。ページを再読み込みしてください。",
    "Use Up and Down arrow keys to move between tags. Press Space or Enter to toggle a tag.":
      "上下の矢印キーでタグを移動し、スペースキーまたは Enter キーで選択を切り替える。"
  }
  var COUNT = /^([\d,]+) results?$/
  var ATTRIBUTES = ["aria-label", "placeholder", "title"]

  function translate(text) {
    var key = text.trim(), count = COUNT.exec(key)
    if (count) {
      var n = count[1].replace(/,/g, "")
      return n === "1" ? (t["search.result.one"] || "1件見つかりました")
                       : (t["search.result.other"] || "#件見つかりました").replace("#", n)
    }
    return Object.prototype.hasOwnProperty.call(TEXT, key) ? TEXT[key] : null
  }

  function localise(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      var text = translate(node.data)
      if (text !== null) node.data = text
      return
    }
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return
    if (node.getAttribute) ATTRIBUTES.forEach(function (name) {
      var value = node.getAttribute(name), text = value && translate(value)
      if (text) node.setAttribute(name, text)
    })
    for (var child = node.firstChild; child; child = child.nextSibling) localise(child)
  }

  function watch(root) {
    if (root.__dxLocalised) return
    root.__dxLocalised = true
    localise(root)
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        if (record.type === "childList") record.addedNodes.forEach(localise)
        else localise(record.target)
      })
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true,
                       attributeFilter: ATTRIBUTES })
  }

  function scan() {
    for (var el = document.body.firstElementChild; el; el = el.nextElementSibling)
      if (el.shadowRoot) watch(el.shadowRoot)
  }

  scan()
  new MutationObserver(scan).observe(document.body, { childList: true })
})()
