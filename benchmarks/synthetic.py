"""Synthetic scale data: N case files written into a scratch copy of the project (their pages are generated)."""
from __future__ import annotations

from pathlib import Path

THEMES = ["推進体制", "外部人材", "人材育成", "窓口改革", "オンライン化", "標準化", "広域連携"]
TYPES = [("市", "5万〜20万人"), ("町", "1万〜5万人"), ("村", "1万人未満"), ("特別区", "20万人以上")]
PREFS = ["北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県"]


def write_cases(project: Path, count: int) -> None:
    """Write ``count`` synthetic cases (ids ``case-synthetic-NNNN``) into ``project``'s data/cases/."""
    data = project / "data/cases"
    for n in range(count):
        kind, band = TYPES[n % len(TYPES)]
        cid = f"case-synthetic-{n:04d}"
        (data / f"{cid}.yml").write_text(
            f"""id: {cid}
title: 合成事例{n}：窓口手続のオンライン化と推進体制の整備
municipality: 合成{kind}{n}
prefecture: {PREFS[n % len(PREFS)]}
type: {kind}
population_band: {band}
themes: [{THEMES[n % len(THEMES)]}, {THEMES[(n + 3) % len(THEMES)]}]
steps: [step-{n % 4}]
tasks: [std-{n % 17 + 1:02d}]
summary: ベンチマーク用の合成データ。データ移行と標準準拠システムへの移行、ガバメントクラウドの利用を扱う事例{n}。
details:
  - 推進体制を整え、現行システムの概要調査と連携一覧の作成を行った。
  - 住民向けの手続をオンライン化し、書面と押印を見直した。
confidence: 二次
reviewed: "2026-11-26"
sources:
  - {{title: 合成データ, url: "https://example.jp/{n}", checked: "2026-11-26", kind: 団体}}
""", encoding="utf-8")
