# Reads a newsdex-search --network GraphML file as a user would (networkx.read_graphml, or the
# standard library's XML parser when networkx is missing) and prints, tab-separated,
# "node ID COUNT" and "edge SOURCE TARGET WEIGHT" lines. Fails on a file that is not GraphML.
import sys

path = sys.argv[1]
try:
    import networkx as nx
except ImportError:
    nx = None
if nx is not None:
    g = nx.read_graphml(path)
    if g.is_directed():
        sys.exit("the graph is directed")
    nodes = [(n, d["count"], d["label"]) for n, d in g.nodes(data=True)]
    edges = [(u, v, d["weight"]) for u, v, d in g.edges(data=True)]
    print("read with networkx", nx.__version__, file=sys.stderr)
else:
    import xml.etree.ElementTree as ET
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}

    def data(el):
        return {keys[d.get("key")]: d.text for d in el.findall("g:data", ns)}

    graph = root.find("g:graph", ns)
    nodes = [(n.get("id"), int(data(n)["count"]), data(n)["label"])
             for n in graph.findall("g:node", ns)]
    edges = [(e.get("source"), e.get("target"), int(data(e)["weight"]))
             for e in graph.findall("g:edge", ns)]
    print("read with xml.etree (no networkx)", file=sys.stderr)
for n, c, label in nodes:
    if not isinstance(c, int):
        sys.exit(f"node {n}: count {c!r} is not an integer")
    print(f"node\t{n}\t{c}")
for u, v, w in edges:
    if not isinstance(w, int):
        sys.exit(f"edge {u} {v}: weight {w!r} is not an integer")
    print(f"edge\t{u}\t{v}\t{w}")
