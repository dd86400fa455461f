"""Our rules that carry a DfE number flag what the DfE rule flags (issue 11).

A rule of ours keeps a DfE validation rule's number (`cin_8925`, `ssda903_356`) only where it
flags exactly the records the DfE's rule flags on the same data; the others were renamed as our
own rules (`csc_...`), their dfe_reference saying "like DfE <return> <code> (was <old id>);
differs: <how>" (docs/data_quality_rules.md, "Rules and the DfE rules").

"The same data": the DfE engine sees one collection year's return, our rules all the landing
data. So agreement is judged on the landing rows the return's records come from, in the landing
tables our rule checks: a finding of ours on a record the return does not carry (an episode that
ended before the year) is outside what the DfE rule can see, and a DfE rule that also names the
child's header or referral row names the same error, not another record.

`disagreeing_rules` makes that comparison; the rule-by-rule test on the dirty extract feeds it
dq_rule_failures and the DfE findings (dq_dfe_findings) mapped to landing rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from csc.checks import rules_doc
from csc.paths import find_project_dir

#: the rules proven to agree with the DfE rule of their number: our rule id -> (return, DfE code).
#: Read against the rules of lac2022_23 / cin2022_23 (unchanged up to the 2026-27 rulesets), and
#: run through the engines' own rule functions on the staged dirty extract (`csc synth --dirty
#: --seed 7`, one return record per staged row): 0 disagreements for these 12.
AGREEING_RULES: dict[str, tuple[str, str]] = {
    **{f"cin_{code}": ("CIN census", code) for code in ("1103", "2889", "8608", "8630", "8640", "8650", "8805", "8925")},
    **{f"ssda903_{code}": ("SSDA903", code) for code in ("143", "149", "153", "356")},
}

#: a rule id that carries a DfE number
DFE_NUMBERED = re.compile(r"(cin|ssda903)_(\d{3,4}[A-Za-z]?Q?)")

LandingRow = tuple[str, int]

#: the names a return goes by (dq_dfe_findings, the engines' packages), to the seed's
_RETURN_NAMES = {"ssda903": "SSDA903", "903": "SSDA903", "lac": "SSDA903",
                 "cin": "CIN census", "cin_census": "CIN census", "cin census": "CIN census"}


def _return_name(name: str) -> str:
    return _RETURN_NAMES.get(str(name).strip().lower().replace("-", "_"), str(name))


def disagreeing_rules(
    ours: Iterable[tuple[str, str, int]],
    dfe: Iterable[tuple[str, str | int, str | None, int | None]],
    rule_tables: Mapping[str, set[str]],
    in_return: set[LandingRow] | None = None,
    agreeing: Mapping[str, tuple[str, str]] = AGREEING_RULES,
) -> dict[str, dict[str, set[LandingRow]]]:
    """The rules of `agreeing` whose findings differ from their DfE rule's.

    - ours: (rule_id, landing table, landing row number) per finding (dq_rule_failures);
    - dfe: (return, DfE rule code, landing table, landing row number) per DfE finding mapped to
      the landing row its record comes from; a finding with no landing row is left out; the
      return as "SSDA903"/"ssda903" or "CIN census"/"cin_census", the code as text or number;
    - rule_tables: the landing tables each of our rules checks (the dq_rules seed);
    - in_return: the landing rows the return's records come from; our findings on other rows
      are left out (None: no restriction).
    Returns, per disagreeing rule, the landing rows only we flag and only the DfE flags.
    """
    ours_by_rule: dict[str, set[LandingRow]] = {rule: set() for rule in agreeing}
    for rule, table, row in ours:
        if rule in ours_by_rule and (in_return is None or (table, row) in in_return):
            ours_by_rule[rule].add((table, row))
    rule_of_code = {dfe_rule: rule for rule, dfe_rule in agreeing.items()}
    dfe_by_rule: dict[str, set[LandingRow]] = {rule: set() for rule in agreeing}
    for return_name, code, table, row in dfe:
        rule = rule_of_code.get((_return_name(return_name), str(code)))
        if rule is not None and table is not None and row is not None and table in rule_tables.get(rule, set()):
            dfe_by_rule[rule].add((table, row))
    return {
        rule: {"only_ours": ours_by_rule[rule] - dfe_by_rule[rule], "only_dfe": dfe_by_rule[rule] - ours_by_rule[rule]}
        for rule in agreeing
        if ours_by_rule[rule] != dfe_by_rule[rule]
    }


def seed_rule_tables(rows: Iterable[dict[str, str]]) -> dict[str, set[str]]:
    """The landing tables each rule of the dq_rules seed checks."""
    tables: dict[str, set[str]] = {}
    for row in rows:
        tables.setdefault(row["rule_id"], set()).add(row["table_name"])
    return tables


def _seed() -> list[dict[str, str]]:
    return rules_doc.read_rules(find_project_dir())


def _rule_ids_in_models() -> set[str]:
    """The DfE-numbered rule ids the data-quality models emit (quoted in their SQL)."""
    found: set[str] = set()
    for path in (find_project_dir() / "models").rglob("*.sql"):
        found |= {match[0] for match in re.finditer(r"(?<=')" + DFE_NUMBERED.pattern + r"(?=')", path.read_text("utf-8"))}
    return found


def test_every_rule_with_a_dfe_number_is_proven_to_agree():
    in_seed = {row["rule_id"] for row in _seed() if DFE_NUMBERED.fullmatch(row["rule_id"])}
    assert in_seed == set(AGREEING_RULES), "a rule with a DfE number must be in AGREEING_RULES, or be renamed"
    assert _rule_ids_in_models() <= set(AGREEING_RULES)


def test_kept_rules_name_their_dfe_rule():
    for row in _seed():
        if row["rule_id"] in AGREEING_RULES:
            return_name, code = AGREEING_RULES[row["rule_id"]]
            assert row["dfe_reference"] == f"DfE {return_name} {code}", row
            assert DFE_NUMBERED.fullmatch(row["rule_id"])[2] == code
            assert row["rule_id"].startswith("cin_" if return_name == "CIN census" else "ssda903_")


def test_renamed_rules_say_how_they_differ():
    rows = _seed()
    ids = {row["rule_id"] for row in rows}
    for row in rows:
        if "like DfE" in row["dfe_reference"]:
            assert rules_doc.RENAMED_REFERENCE.search(row["dfe_reference"]), row
    decisions = rules_doc.dfe_decisions(rows)
    renamed = [d for d in decisions if d["decision"] == "renamed"]
    assert {d["rule_id"] for d in decisions if d["decision"] == "kept"} == set(AGREEING_RULES)
    for decision in renamed:
        assert decision["rule_id"].startswith("csc_"), decision
        assert decision["was"] not in ids, f"{decision['was']} was renamed but is still in the seed"
        assert decision["differs"].strip(), decision
    # the 45 rules that carried a DfE number before issue 11; ssda903_191 had DfE 153's logic
    # under the wrong number and is ssda903_153
    assert len(decisions) == 45
    assert "ssda903_191" not in ids and "ssda903_153" in AGREEING_RULES


def test_disagreeing_rules_on_a_tiny_example():
    agreeing = {"cin_8630": ("CIN census", "8630"), "ssda903_356": ("SSDA903", "356")}
    tables = {"cin_8630": {"ssd_cin_episodes"}, "ssda903_356": {"ssd_cla_episodes"}}
    ours = [
        ("cin_8630", "ssd_cin_episodes", 4),
        ("cin_8630", "ssd_cin_episodes", 9),  # an episode the return does not carry
        ("ssda903_356", "ssd_cla_episodes", 2),
        ("csc_end_before_start", "ssd_cin_plans", 3),  # not a DfE-numbered rule
    ]
    dfe = [
        ("CIN census", "8630", "ssd_cin_episodes", 4),
        ("CIN census", "8630", "ssd_person", 1),  # the child's row named as well: not a record the rule checks
        ("CIN census", "8630", None, None),  # a record with no landing row
        ("SSDA903", "356", "ssd_cla_episodes", 2),
        ("SSDA903", "356", "ssd_cla_episodes", 5),  # only the DfE flags it
        ("SSDA903", "357", "ssd_cla_episodes", 6),  # a DfE rule none of ours carries
    ]
    in_return = {("ssd_cin_episodes", 4), ("ssd_cla_episodes", 2), ("ssd_cla_episodes", 5), ("ssd_person", 1)}
    assert disagreeing_rules(ours, dfe, tables, in_return, agreeing) == {
        "ssda903_356": {"only_ours": set(), "only_dfe": {("ssd_cla_episodes", 5)}},
    }
    # without the restriction to the return, our finding on row 9 disagrees too
    assert disagreeing_rules(ours, dfe, tables, None, agreeing)["cin_8630"] == {
        "only_ours": {("ssd_cin_episodes", 9)}, "only_dfe": set(),
    }
    assert disagreeing_rules(ours[:1] + ours[2:3], dfe[:1] + dfe[3:4], tables, in_return, agreeing) == {}
    # the return and the code as the engines and dq_dfe_findings may spell them
    assert disagreeing_rules(ours[:1] + ours[2:3], [("cin_census", "8630", "ssd_cin_episodes", 4),
                                                   ("ssda903", 356, "ssd_cla_episodes", 2)],
                             tables, in_return, agreeing) == {}


def test_seed_rule_tables_reads_every_table_of_a_rule():
    tables = seed_rule_tables(_seed())
    assert tables["cin_8630"] == {"ssd_cin_episodes"}
    assert {"ssd_cin_plans", "ssd_s47_enquiry"} <= tables["csc_end_before_start"]
    assert len(_seed()) == sum(len(t) for t in tables.values())
