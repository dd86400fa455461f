"""The national profile streams area by area to Parquet: ids stay unique across areas and
every reference resolves inside the whole extract."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from csc.synth.generate import generate


def test_areas_stream_to_parquet_with_unique_ids(tmp_path: Path):
    summary = generate(tmp_path, profile="national", children=24_000, years=3, seed=9, progress=False,
                       overrides={"area_children": 8_000})
    assert summary["areas"] == 3
    t = {p.stem: pq.read_table(p).to_pandas() for p in tmp_path.glob("*.parquet")}
    assert t["extract_manifest"]["child_population"].tolist() == ["24000"]
    for name, df in t.items():
        if name not in ("extract_manifest", "hr_establishment"):
            assert df.iloc[:, 0].is_unique, name
    teams = set(t["ssd_department"]["dept_team_id"])
    assert {tid[:5] for tid in teams} == {"A001-", "A002-", "A003-"}
    assert set(t["ssd_cin_plans"]["cinp_cin_plan_team"]) <= teams
    assert set(t["ssd_professionals"]["prof_professional_department"]) <= teams
    assert set(t["ssd_cin_plans"]["cinp_referral_id"]) <= set(t["ssd_cin_episodes"]["cine_referral_id"])
    assert set(t["ssd_involvements"]["invo_professional_id"]) <= set(t["ssd_professionals"]["prof_professional_id"])
    persons = set(t["ssd_person"]["pers_person_id"])
    assert set(t["ssd_cla_visits"]["clav_person_id"]) <= persons
    # each area's rows come in one block per file: person ids of area 2 start at 1,000,000,000
    ids = t["ssd_person"]["pers_person_id"].astype("int64")
    assert ids.is_monotonic_increasing and ids.max() > 2 * 10**9
