#!/usr/bin/env python3
"""Counts the SpotBugs findings that `make lint` wrote (<module>/target/spotbugsXml.xml) by priority, pattern and
module, so that a change in the Medium findings is seen in review. Run from the repository root after `make lint`."""
import collections
import glob
import sys
import xml.etree.ElementTree as ElementTree

PRIORITY = {"1": "High", "2": "Medium", "3": "Low"}

reports = sorted(glob.glob("*/target/spotbugsXml.xml"))
if not reports:
    sys.exit("no */target/spotbugsXml.xml: run make lint first")
by_pattern = collections.Counter()
by_module = collections.Counter()
for report in reports:
    module = report.split("/")[0]
    by_module[module] += 0
    for bug in ElementTree.parse(report).getroot().iter("BugInstance"):
        priority = PRIORITY.get(bug.get("priority"), bug.get("priority"))
        by_pattern[(priority, bug.get("category"), bug.get("type"))] += 1
        by_module[module] += 1
print(f"{sum(by_pattern.values())} findings in {len(reports)} modules")
for (priority, category, pattern), count in sorted(by_pattern.items(), key=lambda item: (item[0][0], -item[1])):
    print(f"{count:5d}  {priority:<6}  {category:<14}  {pattern}")
print("by module: " + ", ".join(f"{module} {count}" for module, count in sorted(by_module.items())))
