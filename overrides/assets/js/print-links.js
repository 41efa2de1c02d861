/*
 * 印刷：リンク先のアドレスを書き添えるのは外部のリンクだけにする（assets/css/print.css）。
 *
 * オンラインでは Material のインスタントナビゲーションがサイト内のリンクを絶対アドレス（http…）に
 * 書き換えるため、CSS の a[href^="http"] だけでは外部のリンクと区別できない。同じオリジンを指すリンクに
 * data-dx-internal を付け、印刷の直前にも付け直す。file:// ではリンクは相対のままで、何も付けない。
 */
(function () {
  "use strict";

  function markInternal() {
    if (!/^https?:$/.test(window.location.protocol)) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
      if (a.origin === window.location.origin) {
        a.setAttribute("data-dx-internal", "");
      }
    });
  }

  window.addEventListener("beforeprint", markInternal);
  window.dxOnPage(markInternal);
})();
