"""JIS X 8341-3:2016 success criteria at levels A and AA, and how this site's tests judge each one.

JIS X 8341-3:2016 is identical to WCAG 2.0 (ISO/IEC 40500:2012): the criteria and their numbers are the same.

``judged``:
  ``machine``  the automated and keyboard tests decide the criterion for this site's kind of content;
  ``human``    tests only support it; a person must confirm it (accessibility/manual-checks.yml).
``applies_if``: content inventory counts (collected on every page by tests/test_a11y.py); when all are zero on
every page, the criterion does not apply (適用なし). ``None``: it always applies.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    sc: str
    name: str
    level: str
    judged: str
    applies_if: tuple[str, ...] | None = None


# What tests/test_a11y.py counts on every page, as the results page names it.
INVENTORY = {
    "media": "音声・映像・埋め込みコンテンツ",
    "autoplay": "自動再生",
    "moving": "動き・点滅・5秒を超えるアニメーション",
    "meta_refresh": "自動的な再読込み",
    "forms": "情報を送信するフォーム",
    "images": "画像（img 要素）",
}

MEDIA = ("media",)
FORMS = ("forms",)

CRITERIA = [
    Criterion("1.1.1", "非テキストコンテンツ", "A", "human"),
    Criterion("1.2.1", "音声だけ及び映像だけ（収録済み）", "A", "human", MEDIA),
    Criterion("1.2.2", "キャプション（収録済み）", "A", "human", MEDIA),
    Criterion("1.2.3", "音声解説又はメディアに対する代替コンテンツ（収録済み）", "A", "human", MEDIA),
    Criterion("1.2.4", "キャプション（ライブ）", "AA", "human", MEDIA),
    Criterion("1.2.5", "音声解説（収録済み）", "AA", "human", MEDIA),
    Criterion("1.3.1", "情報及び関係性", "A", "human"),
    Criterion("1.3.2", "意味のある順序", "A", "human"),
    Criterion("1.3.3", "感覚的な特徴", "A", "human"),
    Criterion("1.4.1", "色の使用", "A", "human"),
    Criterion("1.4.2", "音声の制御", "A", "human", ("media", "autoplay")),
    Criterion("1.4.3", "コントラスト（最低限）", "AA", "machine"),
    Criterion("1.4.4", "テキストのサイズ変更", "AA", "machine"),
    Criterion("1.4.5", "文字画像", "AA", "human", ("images",)),
    Criterion("2.1.1", "キーボード", "A", "machine"),
    Criterion("2.1.2", "キーボードトラップなし", "A", "machine"),
    Criterion("2.2.1", "タイミング調整可能", "A", "human", ("meta_refresh", "forms")),
    Criterion("2.2.2", "一時停止，停止及び非表示", "A", "human", ("moving", "media", "autoplay")),
    Criterion("2.3.1", "3回の閃光又は閾値以下", "A", "human", ("moving", "media")),
    Criterion("2.4.1", "ブロックスキップ", "A", "machine"),
    Criterion("2.4.2", "ページタイトル", "A", "machine"),
    Criterion("2.4.3", "フォーカス順序", "A", "machine"),
    Criterion("2.4.4", "リンクの目的（コンテキスト内）", "A", "human"),
    Criterion("2.4.5", "複数の手段", "AA", "machine"),
    Criterion("2.4.6", "見出し及びラベル", "AA", "human"),
    Criterion("2.4.7", "フォーカスの可視化", "AA", "machine"),
    Criterion("3.1.1", "ページの言語", "A", "machine"),
    Criterion("3.1.2", "一部分の言語", "AA", "human"),
    Criterion("3.2.1", "フォーカス時", "A", "machine"),
    Criterion("3.2.2", "入力時", "A", "machine"),
    Criterion("3.2.3", "一貫したナビゲーション", "AA", "machine"),
    Criterion("3.2.4", "一貫した識別性", "AA", "machine"),
    Criterion("3.3.1", "エラーの特定", "A", "human", FORMS),
    Criterion("3.3.2", "ラベル又は説明", "A", "machine"),
    Criterion("3.3.3", "エラー修正の提案", "AA", "human", FORMS),
    Criterion("3.3.4", "エラー回避（法的，金融及びデータ）", "AA", "human", FORMS),
    Criterion("4.1.1", "構文解析", "A", "machine"),
    Criterion("4.1.2", "名前（name），役割（role）及び値（value）", "A", "machine"),
]

BY_SC = {c.sc: c for c in CRITERIA}
