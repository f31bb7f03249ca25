#!/usr/bin/env python3
"""Copies SampleData/dimensioner.json into Sources/FinsamKit/Configuration/BuiltInDimensions.swift (between the
raw-string markers). Run after editing the catalogue; DimensionTests fails while the two differ."""
import os, re

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
text = open(os.path.join(root, "SampleData", "dimensioner.json"), encoding="utf-8").read()
assert '"""#' not in text
path = os.path.join(root, "Sources", "FinsamKit", "Configuration", "BuiltInDimensions.swift")
swift = open(path, encoding="utf-8").read()
start = swift.index('static let text = #"""\n') + len('static let text = #"""\n')
end = swift.index('"""#', start)
open(path, "w", encoding="utf-8").write(swift[:start] + text + swift[end:])
