"""The actor network as networkx graphs, read from a store with SPARQL.

    >>> from kg.network import actor_graph, weighted_graph, network_stats
    >>> g = actor_graph("build/store", since="2023-01-01", kinds=["Meeting", "PhoneCall"])
    >>> g.nodes["https://example.org/kg/person/ismail_haniyeh"]["label_fa"]
    'اسماعیل هنیه'

Every view takes a store (an open `pyoxigraph.Store` or a STORE folder) or the `Contacts` already
read from one (`read_contacts`), so several views can share one read. See docs/network.md.
"""

from kg.network.analysis import (
    NetworkStats,
    Step,
    communities,
    contact_chain,
    ego_network,
    network_stats,
)
from kg.network.export import FORMATS, read_network, write_network
from kg.network.read import Contacts, NetworkError, read_contacts
from kg.network.views import (
    actor_graph,
    affiliation,
    bipartite_graph,
    collapse,
    organization_graph,
    weighted_graph,
)

__all__ = [
    "FORMATS", "Contacts", "NetworkError", "NetworkStats", "Step", "actor_graph", "affiliation",
    "bipartite_graph", "collapse", "communities", "contact_chain", "ego_network", "network_stats",
    "organization_graph", "read_contacts", "read_network", "weighted_graph", "write_network",
]
