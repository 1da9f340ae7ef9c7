"""`kg network`: export (both spellings), stats, ego networks and paths with names in any language, plot."""

from __future__ import annotations

import json
import os
import shutil

import networkx as nx
import pytest
from fixtures_network import ROOT, interactions_by_sparql, seed_store  # noqa: F401  (a fixture)

from kg.cli import main
from kg.network import actor_graph, read_network


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("form", ["short", "export"])
def test_network_cli_export_graphml(seed_store, tmp_path, capsys, form):  # noqa: F811
    path = tmp_path / "net.graphml"
    argv = [str(seed_store), "--format", "graphml", "-o", str(path)]
    code, out, err = run(capsys, "network", *(argv if form == "short" else ["export", *argv]))
    graph = actor_graph(seed_store)
    assert code == 0 and out == ""
    assert f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges" in err
    read = read_network(path, "graphml")
    assert sorted(read.edges(keys=True)) == sorted(graph.edges(keys=True))


def test_network_cli_export_format_from_suffix_with_filters(seed_store, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "calls.gexf"
    code, _, _ = run(capsys, "network", str(seed_store), "-o", str(path), "--kind", "PhoneCall",
                     "--since", "2023-01-01")
    assert code == 0
    graph = nx.read_gexf(path)
    assert sorted(graph.nodes[n]["label"] for n in graph) == ["Hossein Amir-Abdollahian", "Ismail Haniyeh"]


def test_network_cli_export_organization_json_to_stdout(seed_store, capsys):  # noqa: F811
    code, out, _ = run(capsys, "network", "export", str(seed_store), "--view", "organization", "-f", "json",
                       "-o", "-")
    assert code == 0
    graph = nx.node_link_graph(json.loads(out), edges="edges")
    assert sorted(graph.nodes[n]["label"] for n in graph) == ["Hamas", "Iran", "Palestinian Islamic Jihad",
                                                              "Russia"]


def test_network_cli_stats_table(seed_store, capsys):  # noqa: F811
    code, out, _ = run(capsys, "network", "stats", str(seed_store), "--top", "2")
    assert code == 0
    interactions = len(interactions_by_sparql(seed_store))
    assert out.startswith(f"12 actors, 11 linked pairs, {interactions} interactions")
    for heading in ("== Degree", "== Betweenness", "== Eigenvector", "== Communities (Louvain)", "== Brokers",
                    "== Connected components"):
        assert heading in out
    degree = out.split("== Degree")[1].split("==")[0]
    assert "1     Ali Bagheri Kani" in degree and "(2 rows)" in degree


def test_network_cli_stats_json(seed_store, capsys):  # noqa: F811
    code, out, _ = run(capsys, "network", "stats", str(seed_store), "--format", "json", "--top", "1")
    stats = json.loads(out)
    assert code == 0
    assert stats["degree"][0]["label"] == "Ali Bagheri Kani"
    assert [c["size"] for c in stats["components"]] == [10, 2]


@pytest.mark.parametrize("name", ["Ismail Haniyeh", "اسماعیل هنیه", "إسماعيل هنية", "ismail_haniyeh"],
                         ids=["english", "persian", "arabic", "knowledge-base-id"])
def test_network_cli_ego_accepts_names_in_any_language(seed_store, capsys, name):  # noqa: F811
    code, out, _ = run(capsys, "network", "stats", str(seed_store), "--ego", name, "--format", "json")
    ego = json.loads(out)
    assert code == 0
    assert ego["center"] == "https://example.org/kg/person/ismail_haniyeh"
    assert [(a["distance"], a["label"]) for a in ego["actors"]] == [
        (0, "Ismail Haniyeh"), (1, "Ali Bagheri Kani"), (1, "Hossein Amir-Abdollahian")]
    assert len(ego["interactions"]) == 3


def test_network_cli_path_persian_to_arabic(seed_store, capsys):  # noqa: F811
    # «کاظم جلالی» (Kazem Jalali, Persian) to «زياد النخالة» (Ziyad al-Nakhalah, Arabic)
    code, out, _ = run(capsys, "network", "stats", str(seed_store), "--path", "کاظم جلالی", "زياد النخالة")
    assert code == 0
    assert out.splitlines()[0] == ("Kazem Jalali → Ali Bagheri Kani → Ismail Haniyeh → "
                                   "Hossein Amir-Abdollahian → Ziyad al-Nakhalah  (4 steps)")
    assert "https://example.org/kg/meeting/2024-06-19/7fab712cbcbf" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--path", "Kazem Jalali", "Vladimir Putin"], "no chain of contacts"),
    (["--ego", "Nobody Atall"], "no actor named"),
    (["--ego", "Joe Biden"], "has no interactions"),
    (["--kind", "Dinner"], "unknown interaction kind"),
    (["--top", "0"], "--top must be 1 or more"),
], ids=["no-path", "unknown-name", "no-interactions", "bad-kind", "bad-top"])
def test_network_cli_stats_errors_exit_2(seed_store, capsys, argv, message):  # noqa: F811
    code, out, err = run(capsys, "network", "stats", str(seed_store), *argv)
    assert code == 2 and out == ""
    assert message in err


def test_network_cli_missing_store_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, "network", "stats", str(tmp_path / "nothing"))
    assert code == 2 and "no such store" in err


def test_network_cli_plot_writes_a_png(seed_store, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "net.png"
    code, _, err = run(capsys, "network", "plot", str(seed_store), "-o", str(path), "--title", "Seed network")
    assert code == 0 and "12 nodes" in err
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 900)
    if os.environ.get("KG_DOCS_IMAGES"):
        shutil.copyfile(path, ROOT / "docs" / "img" / "network.png")


def test_network_plot_display_text_shapes_persian():
    from kg.network.plot import display_text

    assert display_text("Ismail Haniyeh") == "Ismail Haniyeh"
    shaped = display_text("میخائیل باگدانف")
    # Joined presentation forms, in visual (right-to-left reversed) order: the last letter «ف» comes first.
    assert shaped != "میخائیل باگدانف" and all("\ufb50" <= c <= "\ufeff" or c == " " for c in shaped)
    assert shaped[0] in "\ufed1\ufed2"


def test_network_cli_help_names_every_subcommand(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["network", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert exit_.value.code == 0
    for word in ("export", "stats", "plot", "kg network STORE --format"):
        assert word in out
