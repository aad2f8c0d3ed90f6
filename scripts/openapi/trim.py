#!/usr/bin/env python3
"""Trims GitHub's REST description to the operations named on the command line, with every
component they reach through `$ref` (examples dropped: they are not read and make up most of
the size). Writes JSON to standard output.

    python3 scripts/openapi/trim.py api.github.com.json OPERATION_ID... > subset.json

The committed subset, tests/openapi/api.github.com.json, is

    python3 scripts/openapi/trim.py api.github.com.json $(cat scripts/openapi/github-subset.txt)
"""
import json
import sys

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def main():
    source, wanted = sys.argv[1], set(sys.argv[2:])
    with open(source) as file:
        full = json.load(file)
    components = full["components"]
    paths = {}
    for path, item in full["paths"].items():
        kept = {m: op for m, op in item.items() if m in METHODS and op.get("operationId") in wanted}
        if kept:
            shared = {k: v for k, v in item.items() if k not in METHODS}
            paths[path] = {**shared, **kept}
            wanted -= {op["operationId"] for op in kept.values()}
    if wanted:
        sys.exit(f"not in the description: {sorted(wanted)}")

    def strip_examples(node):
        if isinstance(node, dict):
            return {k: strip_examples(v) for k, v in node.items() if k not in ("examples", "example")}
        if isinstance(node, list):
            return [strip_examples(v) for v in node]
        return node

    paths = strip_examples(paths)
    kept = {}
    todo = [paths]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/"):
                kind, name = ref[len("#/components/"):].split("/", 1)
                if name not in kept.setdefault(kind, {}):
                    kept[kind][name] = strip_examples(components[kind][name])
                    todo.append(kept[kind][name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    info = dict(full["info"])
    info["x-trimmed"] = (
        "A subset of GitHub's REST description: npm package @octokit/openapi 23.0.2, "
        "generated/api.github.com.json; only the operations below and what they reference, "
        "examples removed, by scripts/openapi/trim.py."
    )
    out = {
        "openapi": full["openapi"],
        "info": info,
        "paths": paths,
        "components": {kind: dict(sorted(items.items())) for kind, items in sorted(kept.items())},
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


main()
