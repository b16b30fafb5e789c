from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from obieg.symbiosis.matching.cli import main

OFFERS = """id,ewc_code,description,quantity_t,lat,lon
o1,10 01 01,popiół paleniskowy,100,52.20,21.00
o2,170101,gruz betonowy,50,50.06,19.94
o3,170106,contaminated concrete,20,52.21,21.01
"""
NEEDS = """id,accepted_codes,description,quantity_t,lat,lon,max_distance_km
n1,1001;170101,cement plant,120,52.25,21.10,300
n2,17,road builder,100,51.10,17.00,400
"""


def write(tmp_path: Path, offers: str = OFFERS, needs: str = NEEDS) -> list[str]:
    (tmp_path / "offers.csv").write_text(offers, encoding="utf-8")
    (tmp_path / "needs.csv").write_text(needs, encoding="utf-8")
    return [
        "optimise",
        "--offers",
        str(tmp_path / "offers.csv"),
        "--needs",
        str(tmp_path / "needs.csv"),
        "--out",
        str(tmp_path / "matches.csv"),
    ]


def test_it_writes_the_optimal_matches_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(write(tmp_path))
    assert code == 0
    with (tmp_path / "matches.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["offer_id", "need_id", "quantity_t", "distance_km", "tkm"]
    # o2 fits both needs; Krakow -> n2 (238 km) beats Krakow -> n1 (252 km); o3 is hazardous
    # and only n2 accepts chapter 17 by prefix, so it stays unmatched.
    assert {(r["offer_id"], r["need_id"]) for r in rows} == {("o1", "n1"), ("o2", "n2")}
    assert sum(float(r["quantity_t"]) for r in rows) == pytest.approx(150.0)
    summary = capsys.readouterr().out
    assert "150.000 t" in summary
    assert "tkm" in summary
    assert " s" in summary


@pytest.mark.parametrize("objective", ["cost", "co2"])
def test_it_reports_savings_for_cost_and_co2_objectives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], objective: str
) -> None:
    assert main([*write(tmp_path), "--objective", objective]) == 0
    assert "CO2e avoided" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("offers", "needs", "message"),
    [
        (OFFERS.replace(",50,", ",fifty,"), NEEDS, "offers.csv: line 3, column 'quantity_t'"),
        (OFFERS.replace("170101", "999999"), NEEDS, "offers.csv: line 3, column 'ewc_code'"),
        (OFFERS.replace("52.20", "95"), NEEDS, "offers.csv: line 2, column 'lat'"),
        (OFFERS, NEEDS.replace("1001;", "1099;"), "needs.csv: line 2, column 'accepted_codes'"),
        (OFFERS, NEEDS.replace(",400", ","), "needs.csv: line 3, column 'max_distance_km'"),
        (OFFERS, NEEDS.replace("n2,", "n1,"), "needs.csv: line 3, column 'id'"),
        (OFFERS.replace("lon\n", "longitude\n"), NEEDS, "offers.csv: line 1, column 'lon'"),
    ],
)
def test_it_rejects_a_bad_row_naming_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], offers: str, needs: str, message: str
) -> None:
    code = main(write(tmp_path, offers, needs))
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "matches.csv").exists()


def test_it_prints_ranked_receivers_with_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--ewc", "10 01 02", "--text", "fly ash", "--top", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("1. NACE 23")
    assert any(line.startswith("2. NACE") for line in out)
    assert any("knowledge" in line for line in out)


def test_it_rejects_an_unknown_waste_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--ewc", "999999"]) == 2
    assert "unknown waste code" in capsys.readouterr().err


def test_it_runs_as_a_module_without_django() -> None:
    script = (
        "import sys, runpy; sys.argv=['x','suggest','--ewc','150101','--top','1']; "
        "runpy.run_module('obieg.symbiosis.matching', run_name='__main__')"
    )
    check = (
        "import sys; assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"{script}\n"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[3],
    )
    assert result.returncode == 0, result.stderr
    assert "NACE 17" in result.stdout
    imports = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import obieg.symbiosis.matching.cli, obieg.symbiosis.matching.allocation; {check}",
        ],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[3],
    )
    assert imports.returncode == 0, imports.stderr
