"""Generate code and ontology files from their sources, so they never drift apart.

- `kg/rdf/vocab.py`: a closed rdflib namespace with every term of `ontology/kg.ttl`, so a
  misspelt term raises instead of minting a new IRI;
- `ontology/roles.ttl`: the role hierarchy as OWL classes, from `kg/lexicons/role_types.tsv`.

Run `python -m kg.rdf.generate` after editing either source; a test checks both are current.
"""

from __future__ import annotations

import sys
from pathlib import Path

import rdflib

from kg.lexicons import Lexicons
from kg.paths import ontology_dir

ONTOLOGY_NS = "https://example.org/kg/ontology#"
VOCAB_PATH = Path(__file__).resolve().parent / "vocab.py"


def role_class_name(role_id: str, acting: bool = False) -> str:
    """`foreign_minister` → `ForeignMinister`; acting → `ActingForeignMinister`."""
    name = "".join(part.capitalize() for part in role_id.split("_"))
    return ("Acting" + name) if acting else name


def vocab_source() -> str:
    graph = rdflib.Graph().parse(ontology_dir() / "kg.ttl")
    terms = sorted({str(node)[len(ONTOLOGY_NS):] for node in graph.all_nodes()
                    if isinstance(node, rdflib.URIRef) and str(node).startswith(ONTOLOGY_NS)})
    lines = [
        '"""The kg ontology\'s terms (generated from ontology/kg.ttl by `python -m kg.rdf.generate`; do not edit)."""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class KG(DefinedNamespace):",
        '    """Closed namespace: a term that is not in ontology/kg.ttl raises AttributeError."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{ONTOLOGY_NS}")',
        "",
    ]
    keywords = {"a", "b"}
    lines += [f"    {t}: URIRef" for t in terms if t not in keywords]
    lines += ["", "", "# terms that are Python-unfriendly as attributes",
              *[f'KG_{t.upper()} = URIRef("{ONTOLOGY_NS}{t}")' for t in sorted(keywords & set(terms))], ""]
    return "\n".join(lines)


def roles_source(lexicons: Lexicons | None = None) -> str:
    lexicons = lexicons or Lexicons()
    rows = lexicons.role_types
    ids = {r["id"] for r in rows}
    out = [
        "# Role types: the hierarchy of posts (generated from kg/lexicons/role_types.tsv by",
        "# `python -m kg.rdf.generate`; do not edit). Each class is a subclass of kg:RoleAssertion;",
        "# an acting holder's role is a subclass of the role (ActingForeignMinister ⊑ ForeignMinister).",
        "# kg:singleHolderPost marks posts one person holds at a time (the consistency report reads it).",
        "",
        f"@prefix kg:   <{ONTOLOGY_NS}> .",
        "@prefix owl:  <http://www.w3.org/2002/07/owl#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "",
    ]
    for row in rows:
        broader = row.get("broader")
        if broader and broader not in ids:
            raise row.error(f"broader role {broader!r} is not defined")
        parent = f"kg:{role_class_name(broader)}" if broader else "kg:RoleAssertion"
        labels = [f'"{row["label_en"]}"@en']
        labels += [f'"{row[c]}"@{c[-2:]}' for c in ("label_fa", "label_ar") if row.get(c)]
        post = role_class_name(row["id"])
        single = f" ;\n    kg:singleHolderPost kg:{post}" if row.get("single") == "1" else ""
        out.append(f"kg:{post} a owl:Class ; rdfs:subClassOf {parent} ;")
        out.append(f"    rdfs:label {', '.join(labels)}{single} .")
        if row.get("acting") == "1":
            out.append(f"kg:{role_class_name(row['id'], True)} a owl:Class ; rdfs:subClassOf kg:{post} ;")
            out.append(f'    rdfs:label "acting {row["label_en"]}"@en{single} .')
    return "\n".join(out) + "\n"


def targets() -> dict[Path, str]:
    return {VOCAB_PATH: vocab_source(), ontology_dir() / "roles.ttl": roles_source()}


def main(argv: list[str] | None = None) -> int:
    for path, text in targets().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
