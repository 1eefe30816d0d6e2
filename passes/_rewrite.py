"""Small graph edits shared by the passes."""
from __future__ import annotations


def redirect(g, old, new, new_output_of=None):
    """Make every user of `old`'s outputs use `new` instead (output k -> output k, or, with
    `new_output_of`, old's output 0 -> (new, new_output_of)), then remove `old`."""
    for _, user, key, data in list(g.out_edges(old, keys=True, data=True)):
        output = data["output"] if new_output_of is None else new_output_of
        g.add_edge(new, user, key=key, index=data["index"], output=output)
    g.graph["outputs"] = [
        ((new, out[1] if new_output_of is None else new_output_of) if out is not None and out[0] == old
         else out) for out in g.graph["outputs"]]
    g.remove_node(old)
