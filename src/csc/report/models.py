"""The dbt publication models' SQL, for a database dbt did not build (the published file).

``csc publish`` copies ``fct_kpi_values_published`` but not the judgements of
``fct_kpi_values_benchmarked`` (the published tables are fixed). When the report reads a
published database it runs the benchmarked model's own SQL on that file's
``fct_kpi_values`` and ``kpi_catalogue``, so the better / worse / same rule is still written
once, in dbt (models/marts/publication). The model is rendered with the few Jinja names the
publication models use: ``ref``, ``var``, ``config``, ``exceptions.raise_compiler_error``,
``dbt.dateadd`` (as dbt-duckdb writes it) and the macros of macros/publication. A publication
model must keep to these.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from csc.paths import find_project_dir

PUBLICATION_MODELS_DIR = Path("models") / "marts" / "publication"
PUBLICATION_MACROS_DIR = Path("macros") / "publication"


class ModelCompilationError(ValueError):
    """What dbt's ``exceptions.raise_compiler_error`` raises when a model is rendered here."""


class _Exceptions:
    @staticmethod
    def raise_compiler_error(message: str) -> None:
        raise ModelCompilationError(message)


class _CrossDatabaseMacros:
    @staticmethod
    def dateadd(datepart: str, interval: Any, from_date_or_timestamp: str) -> str:
        return f"date_add({from_date_or_timestamp}, interval ({interval}) {datepart})"


def model_path(name: str, project_dir: Path | None = None) -> Path:
    return (project_dir or find_project_dir()) / PUBLICATION_MODELS_DIR / f"{name}.sql"


def render_model(
    name: str,
    relations: Mapping[str, str],
    variables: Mapping[str, Any] | None = None,
    project_dir: Path | None = None,
) -> str:
    """The SQL of publication model ``name``, its ``ref``s replaced by ``relations``."""
    project_dir = project_dir or find_project_dir()
    path = model_path(name, project_dir)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)

    def ref(model: str) -> str:
        if model not in relations:
            raise ModelCompilationError(f"{path.name}: ref({model!r}) has no relation here")
        return relations[model]

    def var(key: str) -> Any:
        if variables is None or key not in variables:
            raise ModelCompilationError(f"{path.name}: var({key!r}) is not set here")
        return variables[key]

    env.globals.update(ref=ref, var=var, config=lambda **_: "", exceptions=_Exceptions, dbt=_CrossDatabaseMacros)
    # One template for all the macros, so that they can call each other.
    macro_files = sorted((project_dir / PUBLICATION_MACROS_DIR).glob("*.sql"))
    macros = env.from_string("\n".join(file.read_text(encoding="utf-8") for file in macro_files)).module
    env.globals.update({key: value for key, value in vars(macros).items() if not key.startswith("_")})
    return env.from_string(path.read_text(encoding="utf-8")).render()
