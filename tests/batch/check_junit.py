#!/usr/bin/env python3
"""Reads a JUnit XML file with a real XML parser (xml.etree.ElementTree) and
checks the shape CI reporters rely on: a <testsuites> root, suites whose
tests/failures/errors/skipped attributes agree with their <testcase>
children, every testcase with classname, name and a numeric time. Prints one
line per testcase, "SUITE<TAB>NAME<TAB>VERDICT" (VERDICT: pass, skipped,
failure:TYPE or error:TYPE), sorted, so tests compare plain text. Exits 1
with a message when the document is malformed."""
import sys
import xml.etree.ElementTree as ET


def fail(message):
    print(f"check_junit: {message}", file=sys.stderr)
    sys.exit(1)


def verdict(case):
    for tag in ("failure", "error"):
        element = case.find(tag)
        if element is not None:
            if not element.get("message"):
                fail(f"{tag} without a message in {case.get('name')}")
            return f"{tag}:{element.get('type')}"
    if case.find("skipped") is not None:
        return "skipped"
    return "pass"


def main():
    if len(sys.argv) != 2:
        fail("usage: check_junit.py FILE.xml")
    try:
        root = ET.parse(sys.argv[1]).getroot()
    except ET.ParseError as error:
        fail(f"not well-formed XML: {error}")
    if root.tag != "testsuites":
        fail(f"root is <{root.tag}>, expected <testsuites>")
    lines = []
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root.findall("testsuite"):
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for case in suite.findall("testcase"):
            if not case.get("name") or not case.get("classname"):
                fail("testcase without name or classname")
            float(case.get("time", "x"))  # raises on a missing or non-numeric time
            v = verdict(case)
            counts["tests"] += 1
            if v.startswith("failure"):
                counts["failures"] += 1
            elif v.startswith("error"):
                counts["errors"] += 1
            elif v == "skipped":
                counts["skipped"] += 1
            lines.append(f"{suite.get('name')}\t{case.get('name')}\t{v}")
        for key, value in counts.items():
            if int(suite.get(key, "-1")) != value:
                fail(f"suite {suite.get('name')}: {key}={suite.get(key)} but {value} testcases")
            totals[key] += value
    for key, value in totals.items():
        if int(root.get(key, "-1")) != value:
            fail(f"testsuites: {key}={root.get(key)} but {value}")
    print("\n".join(sorted(lines)))


if __name__ == "__main__":
    main()
