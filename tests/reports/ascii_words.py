"""Prints every ASCII word (two letters or more) in the visible text of a report page, outside
elements marked class="... id ..." (the ids shown beside names) and outside <style>.

usage: ascii_words.py REPORT.html
A Chinese page shows no English label: its only ASCII words are ids, numbers and the file and
program names of the footer, so the test that runs this expects exactly those.
"""
import re
import sys
import xml.etree.ElementTree as ET

text = open(sys.argv[1], encoding="utf-8").read()
root = ET.fromstring(text.split("\n", 1)[1] if text.startswith("<!DOCTYPE") else text)
words = []


def walk(e):
    tag = e.tag.split("}")[-1]
    if tag == "style" or "id" in (e.get("class") or "").split():
        return
    for chunk in [e.text] + [None]:
        if chunk:
            words.extend(re.findall(r"(?<![A-Za-z0-9_.-])[A-Za-z][A-Za-z]+(?:\.[A-Za-z]+)*(?![A-Za-z0-9_])", chunk))
    for c in e:
        walk(c)
        if c.tail:
            words.extend(re.findall(r"(?<![A-Za-z0-9_.-])[A-Za-z][A-Za-z]+(?:\.[A-Za-z]+)*(?![A-Za-z0-9_])", c.tail))


walk(root)
print(" ".join(sorted(set(words))))
