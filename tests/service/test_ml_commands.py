"""`apo ml` end to end: simulate, train, evaluate, classify, then the derived table through TAP."""
from __future__ import annotations

import io
import json

from astropy.io.votable import parse_single_table

from vo_service.cli import main
from vo_service.settings import Settings
from vo_service.web.app import create_app

JOIN = ("SELECT e.*, c.gammaness FROM taiga_iact.events AS e JOIN taiga_iact.classification AS c "
        "USING (event_id) WHERE c.gammaness > 0.8")


def test_simulate_train_evaluate_classify_and_query(own_demo, tmp_path, capsys):
    work = str(tmp_path / "ml")
    assert main(["ml", "simulate", "--out", work, "--n-gamma", "300", "--n-proton", "400", "--quiet"]) == 0
    assert main(["ml", "train", "--out", work, "--methods", "cuts,sklearn", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["ml", "evaluate", "--out", work, "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert set(metrics) == {"cuts", "sklearn"}
    for values in metrics.values():
        assert {"suppression_at_055", "q_factor", "roc_auc", "roc_auc_err"} <= set(values)
        assert 0.5 < values["roc_auc"] <= 1.0
    assert main(["ml", "classify", "--db", own_demo, "--out", work, "--method", "sklearn", "--limit", "500",
                 "--quiet"]) == 0

    client = create_app(Settings(own_demo)).test_client()
    response = client.get("/tap/sync", query_string={"LANG": "ADQL", "QUERY": JOIN})
    assert response.status_code == 200
    table = parse_single_table(io.BytesIO(response.data)).to_table()
    assert len(table) > 0 and (table["gammaness"] > 0.8).all()
    assert "hillas_width" in table.colnames
    keys = client.get("/tap/sync", query_string={
        "LANG": "ADQL",
        "QUERY": "SELECT target_table FROM tap_schema.keys WHERE from_table = 'taiga_iact.classification'"})
    assert [str(v) for v in parse_single_table(io.BytesIO(keys.data)).array["target_table"]] == ["taiga_iact.events"]
    described = client.get("/tap/tables/taiga_iact.classification").data.decode()
    assert "sklearn-1.0" in described and "SHA-256" in described


def test_classify_needs_the_collection(tmp_path, capsys):
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    work = str(tmp_path / "ml")
    assert main(["ml", "simulate", "--out", work, "--n-gamma", "50", "--n-proton", "50", "--quiet"]) == 0
    assert main(["ml", "train", "--out", work, "--methods", "cuts", "--quiet"]) == 0
    assert main(["ml", "classify", "--db", empty, "--out", work, "--method", "cuts", "--quiet"]) == 2
    assert "run 'apo init-demo' first" in capsys.readouterr().err
