"""The organisation: teams (ssd_department, team_structure)."""

from __future__ import annotations

from dataclasses import dataclass, field

LOCALITY_CODES = {"North": "N", "South": "S", "Mid & East": "ME", "Exeter": "EX"}

# team kind -> (name pattern, service)
TEAM_KINDS: dict[str, tuple[str, str]] = {
    "IRT": ("Initial Response Team {loc}", "Initial Response"),
    "CF1": ("{loc} Children and Families Team 1", "Children and Families"),
    "CF2": ("{loc} Children and Families Team 2", "Children and Families"),
    "SWIS": ("Social Workers in Schools {loc}", "Social Workers in Schools"),
    "DCS": ("Disabled Children's Service {loc}", "Disabled Children's Service"),
    "CIC": ("Children in Care {loc}", "Children in Care"),
    "CL": ("Care Leavers {loc}", "Care Leavers"),
}


@dataclass
class Organisation:
    """Teams of one area. `team_ids[kind][locality_index]` gives a team id."""

    localities: list[str]
    prefix: str
    area_name: str
    team_ids: dict[str, list[str]] = field(default_factory=dict)
    rows: list[dict[str, str]] = field(default_factory=list)  # ssd_department + structure

    @classmethod
    def build(cls, localities: list[str], prefix: str = "", area_name: str = "") -> "Organisation":
        org = cls(localities=localities, prefix=prefix, area_name=area_name)
        root_id = f"{prefix}CSC"
        root_name = f"{area_name}Children's Social Care".strip()
        org.rows.append(dict(team_id=root_id, team_name=root_name, parent_id="", parent_name="",
                             locality="", service=""))
        org.rows.append(dict(team_id=f"{prefix}MASH", team_name=f"{area_name}MASH".strip(),
                             parent_id=root_id, parent_name=root_name, locality="",
                             service="Front Door"))
        for kind in TEAM_KINDS:
            org.team_ids[kind] = []
        for loc in localities:
            code = LOCALITY_CODES.get(loc, loc[:2].upper())
            loc_id = f"{prefix}LOC-{code}"
            loc_name = f"{loc} Locality"
            org.rows.append(dict(team_id=loc_id, team_name=loc_name, parent_id=root_id,
                                 parent_name=root_name, locality=loc, service=""))
            for kind, (pattern, service) in TEAM_KINDS.items():
                tid = f"{prefix}{kind}-{code}"
                org.team_ids[kind].append(tid)
                org.rows.append(dict(team_id=tid, team_name=pattern.format(loc=loc),
                                     parent_id=loc_id, parent_name=loc_name, locality=loc,
                                     service=service))
        return org

    def team_locality(self) -> dict[str, int]:
        """team id -> locality index for operational teams."""
        return {tid: i for ids in self.team_ids.values() for i, tid in enumerate(ids)}
