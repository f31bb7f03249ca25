#!/usr/bin/env python3
"""Copies SampleData/avslutsorsaker.json, indikatorer.json and aktiviteter.json into Sources/FinsamKit/Configuration/BuiltInCatalogues.swift.

Run after editing either catalogue; SchemaTests fails while the two differ.
"""
import os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
read = lambda name: open(os.path.join(root, "SampleData", name), encoding="utf-8").read()
a, i, k = read("avslutsorsaker.json"), read("indikatorer.json"), read("aktiviteter.json")
assert '"""#' not in a + i + k
swift = '''/// The catalogues finsam uses when none is given on the command line: the same text as
/// `SampleData/avslutsorsaker.json`, `SampleData/indikatorer.json` and `SampleData/aktiviteter.json` (written by `scripts/embed-catalogues.py`;
/// a test keeps them equal), compiled in so that the binary works from any folder without resource bundles.
enum BuiltInCatalogues {
    static let avslutsorsaker = #"""
%s
"""#

    static let indikatorer = #"""
%s
"""#

    static let aktiviteter = #"""
%s
"""#
}
''' % (a, i, k)
open(os.path.join(root, "Sources", "FinsamKit", "Configuration", "BuiltInCatalogues.swift"), "w", encoding="utf-8").write(swift)
