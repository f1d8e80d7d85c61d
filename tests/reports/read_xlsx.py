"""Prints, as JSON, what a reader of a workbook sees besides its formulas: for each table sheet the
two header rows, frozen panes, autofilter, print titles and area, page setup, page header and footer,
and every number cell's format and cached value; for each chart sheet its chart's kind, title and
series ranges, and its page setup. Read with openpyxl (Debian python3-openpyxl), which reads the
file's XML as Excel would; used by tests/reports/xlsx_test.cpp.

usage: /usr/bin/python3 read_xlsx.py BOOK.xlsx
"""
import json
import sys

import openpyxl
import openpyxl.chartsheet


def page(ws):
    """Page setup of a worksheet or a chart sheet (a chart sheet has no fit-to-page)."""
    chart = isinstance(ws, openpyxl.chartsheet.Chartsheet)
    ps = ws.pageSetup if chart else ws.page_setup
    hf = ws.headerFooter if chart else ws.HeaderFooter
    out = {
        "orientation": ps.orientation,
        "paper": int(ps.paperSize) if ps.paperSize is not None else None,
        "header": hf.oddHeader.center.text if hf.oddHeader else None,
        "footer": hf.oddFooter.center.text if hf.oddFooter else None,
    }
    if not chart:
        props = ws.sheet_properties.pageSetUpPr
        # An absent fitToWidth / fitToHeight is OOXML's default, 1.
        out["fit_to_page"] = bool(props.fitToPage) if props is not None else False
        out["fit_width"] = int(ps.fitToWidth) if ps.fitToWidth is not None else 1
        out["fit_height"] = int(ps.fitToHeight) if ps.fitToHeight is not None else 1
    return out


def rich_text(title):
    if title is None or title.tx is None or title.tx.rich is None:
        return None
    return "".join(r.t for p in title.tx.rich.p for r in (p.r or []))


def ref(data):
    if data is None:
        return None
    for kind in ("numRef", "strRef"):
        r = getattr(data, kind, None)
        if r is not None:
            return r.f
    return None


def main(path):
    wb = openpyxl.load_workbook(path)  # formulas as text, formats
    cached = openpyxl.load_workbook(path, data_only=True)  # the values cached in the file
    out = {"sheets": wb.sheetnames, "tables": {}, "charts": {}}
    for ws in wb.worksheets:
        cv = cached[ws.title]
        cells = {}
        for row in ws.iter_rows(min_row=3):
            for c in row:
                value = cv[c.coordinate].value
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    cells[c.coordinate] = {"format": c.number_format, "value": value}
        t = {
            "labels": [c.value for c in ws[1]],
            "ids": [c.value for c in ws[2]],
            "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref,
            "print_titles": ws.print_title_rows,
            "print_area": ws.print_area,
            "cells": cells,
        }
        t.update(page(ws))
        out["tables"][ws.title] = t
    for cs in wb.chartsheets:
        chart = cs._charts[0]
        c = {
            "kind": type(chart).__name__ + ":" + str(getattr(chart, "type", "")),
            "title": rich_text(chart.title),
            "series": [{"name": ref(s.tx), "categories": ref(s.cat), "values": ref(s.val)} for s in chart.series],
        }
        c.update(page(cs))
        out["charts"][cs.title] = c
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
