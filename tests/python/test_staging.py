"""Staging reads the landing values as landing.md says (on the hand-made landing folder)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest


@pytest.fixture(scope="module")
def warehouse(minimal_build):
    with duckdb.connect(str(minimal_build.db_path), read_only=True) as con:
        yield con


def rows(con, sql):
    return con.execute(sql).fetchall()


def test_dates_in_every_accepted_form(warehouse):
    got = dict(rows(warehouse, "select referral_id, referral_date from staging.stg_ssd__cin_episodes"))
    assert got["R001"] == dt.date(2020, 10, 20)          # ISO
    assert got["R003"] == dt.date(2021, 9, 15)           # DD/MM/YYYY
    assert got["R004"] == dt.date(2021, 8, 1)            # ISO with a time, time dropped
    assert rows(warehouse, "select birth_date from staging.stg_ssd__persons where person_id = 'P002'") == [(dt.date(2008, 2, 29),)]


def test_unparseable_values_keep_the_row_and_are_reported(warehouse):
    (row,) = rows(warehouse, "select referral_date, is_referral_nfa, parse_errors from staging.stg_ssd__cin_episodes where referral_id = 'R005'")
    assert row[0] is None and row[1] is None
    assert "cine_referral_date: '31/02/2021'" in row[2]
    assert "cine_referral_nfa: 'maybe'" in row[2]
    (distance,) = rows(warehouse, "select parse_errors from staging.stg_ssd__cla_placements where cla_placement_id = 'PL002'")
    assert "clap_cla_placement_distance: '12,5'" in distance[0]


def test_flag_variants(warehouse):
    got = dict(rows(warehouse, "select referral_id, is_referral_nfa from staging.stg_ssd__cin_episodes"))
    assert got == {"R001": False, "R002": False, "R003": True, "R004": True, "R005": None}


def test_codes_synonyms_and_unknown_values(warehouse):
    (plan,) = rows(warehouse, "select initial_category_code, latest_category_code, is_known_latest_category from staging.stg_ssd__cp_plans")
    assert plan == ("NEG", "EMO", True)                   # 'Neglect', 'Emotional Abuse'
    got = {r[0]: r[1:] for r in rows(warehouse, "select referral_id, referral_source_code, is_known_referral_source, primary_need_code from staging.stg_ssd__cin_episodes")}
    assert got["R004"][:2] == ("XX", False)               # unknown code kept as it came
    assert got["R003"][2] == "N2"                         # 'n2' upper-cased
    checks = rows(warehouse, "select health_check_type_code, health_check_status_code from staging.stg_ssd__cla_health_checks order by health_check_id")
    assert checks == [("HEALTH_ASSESSMENT", "COMPLETED"), ("DENTAL_CHECK", "COMPLETED")]
    leavers = rows(warehouse, "select eligibility_code, in_touch_code, has_personal_adviser from staging.stg_ssd__care_leavers order by care_leaver_row_id")
    assert leavers == [("FORMER_RELEVANT", "YES", True), ("FORMER_RELEVANT", "YES", False)]


def test_duplicate_ids_keep_the_first_row_of_the_file(warehouse):
    assert rows(warehouse, "select referral_team_id, landing_row_number from staging.stg_ssd__cin_episodes where referral_id = 'R004'") == [("T05", 4)]


def test_child_key_is_pseudonymous_and_consistent(warehouse):
    keys = rows(warehouse, "select distinct child_key from staging.stg_ssd__cin_episodes where person_id = 'P001'")
    assert len(keys) == 1 and "P001" not in keys[0][0]
    assert rows(warehouse, f"select count(*) from marts.dim_children where child_key = '{keys[0][0]}'") == [(1,)]


def test_team_attributes_default_to_unknown(warehouse):
    got = {r[0]: r[1:] for r in rows(warehouse, "select team_id, locality, service from marts.dim_teams")}
    assert got["T03"] == ("Exeter", "Disabled Children's Service")
    assert got["T05"] == ("unknown", "unknown")


def test_reporting_periods(warehouse):
    periods = rows(warehouse, "select period_month, period_end, is_latest_period from marts.dim_reporting_periods order by period_month")
    assert len(periods) == 37
    assert periods[0][:2] == (dt.date(2018, 10, 1), dt.date(2018, 10, 31))
    assert periods[-1] == (dt.date(2021, 10, 1), dt.date(2021, 10, 20), True)
    assert (dt.date(2020, 2, 1), dt.date(2020, 2, 29), False) in periods
