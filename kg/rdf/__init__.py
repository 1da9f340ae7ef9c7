"""RDF layer: IRIs, records → triples, the store, reasoning and validation."""
