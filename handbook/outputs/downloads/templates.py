"""The practitioner templates, each built from the handbook data (model in, ``Workbook`` out)."""
from __future__ import annotations

from ...render.links import circled
from ...render.tasks import grade_note, pattern_text, step_label, unread_steps_note
from ...model.entities import SubItem
from .model import Column, Formula, Sheet, Workbook

NOT_OURS = "本様式は本サイトのデータから自動で作成した記入用の様式であり、手順書原文の様式ではない。"
FILL_IN = "網掛けの列は各団体で記入する。状況などの列は一覧から選ぶ（入力規則）。"

WORK_STATUS = ("未着手", "実施中", "完了", "対象外")
CHECK_RESULT = ("済", "未", "該当なし")
SURVEY_STATUS = ("未着手", "記載中", "完了")
FIT_GAP = ("Fit", "Gap", "未判定")
ONLINE_STATUS = ("未着手", "検討中", "準備中", "受付開始済み", "対象外")


def _numbered(count: int, width: int) -> tuple[tuple, ...]:
    """Rows for staff's own entries: a number, then empty cells."""
    return tuple((n,) + ("",) * (width - 1) for n in range(1, count + 1))


def work_plan(handbook) -> Workbook:
    """①–⑰ and their sub-items with phase, patterns and deliverables; dates and status to fill in."""
    columns = (
        Column("番号", 6), Column("作業項目", 30, wrap=True), Column("フェーズ", 16),
        Column("対象パターン", 16), Column("主な成果物", 30, wrap=True),
        Column("主な担当（例）", 24, wrap=True), Column("担当課", 14, fill_in=True),
        Column("担当者", 10, fill_in=True), Column("開始予定日", 11, date=True, fill_in=True),
        Column("完了予定日", 11, date=True, fill_in=True), Column("開始実績日", 11, date=True, fill_in=True),
        Column("完了実績日", 11, date=True, fill_in=True), Column("状況", 9, choices=WORK_STATUS, fill_in=True),
        Column("備考", 24, wrap=True, fill_in=True),
    )
    blank = ("",) * 8
    rows = []
    for t in handbook.tasks_in():
        phase = handbook.get(t.phase).title
        rows.append((circled(t.number), t.title, phase, pattern_text(t),
                     "、".join(t.deliverables), "、".join(t.who)) + blank)
        for sub in t.subitems:
            rows.append((f"{circled(t.number)}{sub.label}", sub.title, phase, pattern_text(t), "", "") + blank)
    return Workbook(
        title="標準化・共通化 作業計画表（①〜⑰）",
        description="作業項目①〜⑰と小項目ごとに、フェーズ、A/Bパターン、主な成果物を載せた計画表。担当、予定日・実績日、状況を記入して進行管理に使う。",
        sheets=(Sheet("plan", "作業計画", columns, tuple(rows), freeze_cols=2),),
        notes=(NOT_OURS, FILL_IN,
               "Aパターン・Bパターンのどちらにも使える。Bパターンで進める場合は、「Aパターンのみ」の作業の状況を「対象外」にする。",
               "本様式は作業の期間や時期を示さない。予定日は各団体の移行計画に合わせて記入する。"),
        source="data/standardization/tasks.yml, phases.yml",
    )


PROGRESS_STATUS = ("完了済み", "作業中", "未着手", "対象外")  # the dashboard's four statuses


def progress_steps(handbook) -> Workbook:
    """The 40 steps with what is known of each (name, phase, work item, source), a status per step to fill in."""
    columns = (
        Column("番号", 6), Column("ステップ", 30, wrap=True), Column("フェーズ", 14), Column("作業項目", 24, wrap=True),
        Column("対応の根拠", 20, wrap=True), Column("出典", 30, wrap=True),
        Column("状況", 10, choices=PROGRESS_STATUS, fill_in=True), Column("完了日", 11, date=True, fill_in=True),
        Column("備考", 24, wrap=True, fill_in=True),
    )
    rows = []
    for s in sorted(handbook.progress_steps, key=lambda s: (s.number is None, s.number or 0)):
        item = handbook.get(s.work_item) if s.work_item else None
        task = handbook.get(item.task) if isinstance(item, SubItem) else item
        label = f"{circled(task.number)}{task.title}" if task else ""
        if isinstance(item, SubItem):
            label += f" {item.label}) {item.title}"
        cited = "、".join(f"{handbook.get(i).publisher}「{handbook.get(i).title}」" for i in s.sources)
        grade = f"【{grade_note(handbook, s)}】" if grade_note(handbook, s) else ""
        rows.append((s.number or "", step_label(s), handbook.get(s.phase).title if s.phase else "", label,
                     s.basis or "", f"{cited}{grade}{'（' + s.location + '）' if s.location else ''}", "", "", ""))
    return Workbook(
        title="標準化手順書の40ステップ 進捗確認表",
        description="国への進捗報告の区分である40ステップを1行ずつ並べ、名称を出典で確かめたステップには作業項目①〜⑰との対応を載せた表。状況（ダッシュボードと同じ4区分）と完了日を記入する。",
        sheets=(Sheet("steps", "40ステップ", columns, tuple(rows), freeze_cols=2),),
        notes=(NOT_OURS, FILL_IN,
               *(("「名称は原典で未読」のステップは、本サイトが出典で名称を確かめていないものである。PMOツールの表示や手順書の原文で名称を書き入れて使う。",)
                 if unread_steps_note(handbook) else ()),
               "作業項目との対応のうち「原典の対応表」は、出典のステップ名の頭の丸数字（①〜⑰）によるものである。「名称から本サイトが整理」は、ステップ名から本サイトが対応付けたものであり、手順書の対応表ではない。",
               "出典に【二次】とあるステップは、総務省の資料そのものではなく、それを取り込んだ第三者のデータや解説で名称を読んだものである。PMOツールの表示や手順書の原文と違うときは、原文に従う。",
               "状況の4区分（完了済み・作業中・未着手・対象外）は総務省のダッシュボードの区分である。完了率は（完了済み＋対象外）÷40で計算される。"),
        source="data/standardization/progress-steps.yml, tasks.yml",
    )


def current_systems(handbook) -> Workbook:
    """②の調査票: one row per business system, and a blank 連携一覧."""
    systems = handbook.systems
    names = tuple(s.name for s in systems) + ("その他",)
    survey = (
        Column("No.", 5), Column("業務", 18), Column("分野", 12), Column("所管課", 14, fill_in=True),
        Column("現行システム（製品名）", 22, wrap=True, fill_in=True), Column("事業者", 18, fill_in=True),
        Column("稼働形態", 16, choices=("庁内設置", "外部データセンター", "クラウドサービス", "その他"), fill_in=True),
        Column("契約期間の終期", 12, date=True, fill_in=True), Column("年間経費（千円）", 12, fill_in=True),
        Column("データ件数（概数）", 12, fill_in=True), Column("連携先の数", 10, fill_in=True),
        Column("備考", 24, wrap=True, fill_in=True),
    )
    survey_rows = tuple((n, s.name, s.field) + ("",) * 9 for n, s in enumerate(systems, 1))
    links = (
        Column("No.", 5), Column("連携元の業務・システム", 20, choices=names, fill_in=True),
        Column("連携先の業務・システム", 20, choices=names, fill_in=True),
        Column("連携するデータ", 24, wrap=True, fill_in=True),
        Column("連携の方式", 14, choices=("ファイル", "API", "画面・手入力", "その他"), fill_in=True),
        Column("タイミング・頻度", 14, fill_in=True), Column("標準化後の扱い", 24, wrap=True, fill_in=True),
        Column("備考", 20, wrap=True, fill_in=True),
    )
    return Workbook(
        title="現行システム概要調査票・連携一覧",
        description=f"②現行システムの概要調査で使う調査票。標準化の対象となる{len(systems)}業務ごとに構成・契約・経費・データ量を記入するシートと、システム間の連携を書き出す連携一覧のシートからなる。",
        sheets=(Sheet("survey", "現行システム概要", survey, survey_rows, freeze_cols=2),
                Sheet("links", "連携一覧", links, _numbered(50, len(links)), freeze_cols=1)),
        notes=(NOT_OURS, FILL_IN,
               "連携一覧の業務名は一覧から選ぶ。標準化の対象外のシステムは「その他」を選び、備考に名称を書く。",
               "行が足りないときは、表の最終行をコピーして挿入する（入力規則も引き継がれる）。"),
        source="data/standardization/systems.yml",
    )


def fit_gap(handbook) -> Workbook:
    """③の標準仕様書対応表: a per-requirement sheet and a per-system summary that counts it."""
    systems = handbook.systems
    names = tuple(s.name for s in systems)
    table = (
        Column("No.", 5), Column("業務", 18, choices=names, fill_in=True),
        Column("標準仕様書の要件番号", 14, fill_in=True), Column("機能・帳票の名称", 24, wrap=True, fill_in=True),
        Column("現行での実現方法", 24, wrap=True, fill_in=True),
        Column("判定（Fit／Gap）", 12, choices=FIT_GAP, fill_in=True),
        Column("対応方針（業務の見直し等）", 28, wrap=True, fill_in=True),
        Column("確認者・確認日", 14, fill_in=True), Column("備考", 20, wrap=True, fill_in=True),
    )
    sheet = "標準仕様書対応表"

    def count(row: int, verdict: str) -> Formula:
        return Formula(f"=COUNTIFS('{sheet}'!$B:$B,$B{row},'{sheet}'!$F:$F,\"{verdict}\")")

    summary = (
        Column("No.", 5), Column("業務", 18), Column("分野", 12), Column("所管課", 14, fill_in=True),
        Column("標準仕様書の版", 14, fill_in=True), Column("記載の状況", 10, choices=SURVEY_STATUS, fill_in=True),
        Column("Fitの件数", 10), Column("Gapの件数", 10), Column("未判定の件数", 10),
        Column("備考", 24, wrap=True, fill_in=True),
    )
    summary_rows = tuple((n, s.name, s.field, "", "", "", count(n + 1, "Fit"), count(n + 1, "Gap"),
                          count(n + 1, "未判定"), "") for n, s in enumerate(systems, 1))
    return Workbook(
        title="標準仕様書対応表（Fit&Gap分析）",
        description=f"③標準仕様との比較分析で使う様式。要件ごとに現行の実現方法、Fit／Gapの判定、対応方針を記入する対応表と、{len(systems)}業務ごとの件数を自動で数える集計シートからなる。",
        sheets=(Sheet("summary", "業務別の状況", summary, summary_rows, freeze_cols=2),
                Sheet("table", sheet, table, _numbered(200, len(table)), freeze_cols=2)),
        notes=(NOT_OURS, FILL_IN,
               "標準仕様書や国が示す様式がある場合は、そちらを優先する。本様式は整理と進行管理のための補助である。",
               "「業務別の状況」の件数は、対応表の「業務」と「判定」から数式で数える。",
               "行が足りないときは、表の最終行をコピーして挿入する（入力規則も引き継がれる）。"),
        source="data/standardization/systems.yml",
    )


def talent_checklist(handbook) -> Workbook:
    """外部人材の受入れ準備チェックリスト, one row per item, with result and date to fill in."""
    checklist = handbook.checklist
    columns = (
        Column("No.", 5), Column("区分", 18, wrap=True), Column("確認事項", 44, wrap=True),
        Column("補足", 28, wrap=True), Column("確認結果", 10, choices=CHECK_RESULT, fill_in=True),
        Column("確認日", 11, date=True, fill_in=True), Column("確認者", 12, fill_in=True),
        Column("備考", 24, wrap=True, fill_in=True),
    )
    items = [(g.title, i) for g in checklist.groups for i in g.items]
    rows = tuple((n, group, item.text, item.note or "", "", "", "", "")
                 for n, (group, item) in enumerate(items, 1))
    return Workbook(
        title=checklist.title,
        description="外部人材（CIO補佐官等）を迎える前に確認する事項の一覧。確認結果、確認日、確認者を記入する。",
        sheets=(Sheet("checklist", "チェックリスト", columns, rows, freeze_cols=3),),
        notes=(checklist.notice, FILL_IN),
        source="data/overall/talent-checklist.yml",
    )


def procedures_tracker(handbook) -> Workbook:
    """The priority procedures with their group; online status and dates to fill in."""
    groups = {g.id: g for g in handbook.procedure_groups}
    columns = (
        Column("No.", 5), Column("分類", 14), Column("区分", 14), Column("手続", 40, wrap=True),
        Column("名称の確認", 14), Column("主な実施主体", 12), Column("所管課", 14, fill_in=True),
        Column("オンライン化の状況", 14, choices=ONLINE_STATUS, fill_in=True),
        Column("受付開始日（予定）", 12, date=True, fill_in=True),
        Column("受付開始日（実績）", 12, date=True, fill_in=True), Column("備考", 24, wrap=True, fill_in=True),
    )
    rows = tuple((n, groups[p.group].title, p.subgroup or "", p.name,
                  "" if p.confirmed else "原文で確認中", groups[p.group].target, "", "", "", "", "")
                 for n, p in enumerate(handbook.procedures, 1))
    return Workbook(
        title=f"{len(rows)}手続のオンライン化 進捗管理表",
        description=f"特に国民の利便性向上に資する{len(rows)}手続ごとに、所管課、オンライン化の状況、受付開始日を記入して進行を管理する表。",
        sheets=(Sheet("procedures", "進捗管理", columns, rows, freeze_cols=4),),
        notes=(NOT_OURS, FILL_IN,
               "「名称の確認」に「原文で確認中」とある手続は、名称を総務省の原文で確認している途中である。",
               "「主な実施主体」が都道府県の手続は、市区町村では「対象外」を選ぶ。"),
        source="data/online/procedures.yml",
    )
