"""Data & sources (/data): filtered observations with source links, definitions, caveats, coverage, download."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from aseancop import NO_DATA

from components import charts, export, figcache, filters, views, wording
from components.boundary import section
from components.data import dataset
from components.i18n import _, ngettext
from components.layout import caveats, download_csv, download_zip, for_display, header, on_screen, table_frame

ROWS_ON_SCREEN = 150  # the browser draws a long table slowly; the download always has every row
ds = dataset()
f = filters.current()
header(_("Data & sources"), _("Every figure in the dashboard, with where it comes from. The table follows the sidebar "
                               "filters (indicator aside: all indicators of the chosen priority area and age band are listed)."))

rows = None
with section("data_table"):
    rows = ds.filter(area=f.area or None, age=f.age or None, countries=f.country_list, sex=None if f.sex == "all" else f.sex,
                     year=f.year_int, members_only=bool(f.countries))
    if rows.empty:
        views.explain_empty(ds, f, None, None)
    else:
        st.markdown("**" + ngettext("{n} observation", "{n} observations", len(rows)).format(n=len(rows)) + "** · "
                    + ngettext("{n} indicator", "{n} indicators", rows["indicator_id"].nunique()).format(n=rows["indicator_id"].nunique())
                    + " · " + ngettext("{n} source", "{n} sources", rows["source_id"].nunique()).format(n=rows["source_id"].nunique()))
        show_all = len(rows) <= ROWS_ON_SCREEN or st.toggle(_("Show all {n} rows on screen").format(n=len(rows)), key="all_rows")
        if not show_all:
            st.caption(_("Showing the first {n} rows. Narrow the filters, show all rows, or download the data.").format(n=ROWS_ON_SCREEN))

        def _table():
            table = table_frame(ds, rows).drop(columns=["Value", "Lower", "Upper", "Unit", "Indicator id"])  # all in the download
            return for_display(on_screen(ds, table if show_all else table.head(ROWS_ON_SCREEN)))
        # built once per filter state and language and shared (like the figures): ~20-50 ms a rerun otherwise
        st.dataframe(figcache.figure(views.state_key(ds, f, "data_table", show_all), _table), hide_index=True,
                     width="stretch", height=420,
                     column_config={_("Source link"): st.column_config.LinkColumn(display_text=_("open source")),
                                    _("Year"): st.column_config.NumberColumn(format="%d")})
        c1, c2 = st.columns(2)
        with c1:
            download_csv(ds, rows, views.filters_text(ds, f, None), key="data_csv", label=_("Download the filtered data (CSV, with citation)"))
        with c2:
            download_zip(ds, rows, views.filters_text(ds, f, None), key="data_zip")

with section("definitions"):
    st.subheader(_("Definitions and caveats"))
    ind = filters.resolved_indicator(ds, f)
    if ind:
        st.markdown(f"#### {wording.title(ds, ind)}")
        caveats(ds, ind)

with section("catalogue"):
    st.subheader(_("Indicator catalogue"))
    views.indicator_catalogue(ds, f)

with section("coverage"):
    st.subheader(_("Coverage: what exists and what is missing"))
    mat = ds.coverage(area=f.area or None, age=f.age or None, countries=f.country_list)
    if mat.empty:
        st.info(_("No indicators for this priority area and age band."))
    else:
        # every priority area at once is 100+ indicator rows (a chart metres long that took the browser ~0.3 s to
        # redraw on every filter change): then the counts by area come first and the full matrix on request
        by_indicator = bool(f.area) or len(mat) <= charts.LABELLED_ROWS or st.toggle(
            _("Show every indicator ({n} rows)").format(n=len(mat)), key="coverage_every_indicator")
        if by_indicator:
            export.show(figcache.figure(views.state_key(ds, f, "coverage"), lambda: charts.coverage_heatmap(
                ds, mat, (_("Which member states have data for each indicator"),
                          _("Latest value per indicator (both sexes) · grey = No data"), _("Source: all sources listed on this page")),
                present=f.present)), key="coverage")
        else:
            words = (_("How many indicators of each priority area have data, by member state"),
                     _("Latest value per indicator (both sexes) · grey = No data · choose a priority area for each indicator"),
                     _("Source: all sources listed on this page"))
            by_area = figcache.figure(views.state_key(ds, f, "coverage_by_area"), lambda: charts.coverage_by_area_heatmap(
                ds, ds.coverage_by_area(age=f.age or None, countries=f.country_list), words, present=f.present))
            # on a phone 11 named columns do not fit: the states down, the areas across by number
            phone = None if f.present else figcache.figure(views.state_key(ds, f, "coverage_by_area_phone"),
                                                           lambda: charts.coverage_by_area_heatmap(
                ds, ds.coverage_by_area(age=f.age or None, countries=f.country_list), words, compact=True))
            export.show_forms(by_area, phone, key="coverage_by_area")
        if by_indicator and len(mat) > charts.LABELLED_ROWS:
            st.caption(_("Green cells have a value (hover for it); grey cells have no data. Open the table below for every value."))
        # built only when opened (a rerun on open): the full matrix is a large table most readers never open
        cov_table = st.expander(_("Coverage as a table"), expanded=False, key="coverage_table_open", on_change="rerun")
        if cov_table.open:
            cov_table.dataframe(figcache.figure(views.state_key(ds, f, "coverage_table"), lambda: for_display(
                mat.replace(NO_DATA, wording.no_data()).rename(
                index=lambda i: wording.short_title(ds, i), columns=lambda c: wording.country_name(ds, c)))), width="stretch")

with section("sources"):
    st.subheader(_("Sources"))
    src = ds.sources[ds.sources["source_id"].isin(rows["source_id"])] if rows is not None and not rows.empty else ds.sources
    st.dataframe(src[["publisher", "title", "date", "url", "licence"]].rename(columns={
        "publisher": _("Publisher"), "title": _("Title"), "date": _("Date"), "url": _("Link"), "licence": _("Licence / terms")}),
        hide_index=True, width="stretch", column_config={_("Link"): st.column_config.LinkColumn(display_text=_("open"))})

with section("upload"):
    st.subheader(_("Add your own figures (this session only)"))
    st.markdown(_("Upload national figures in the observation format to see them beside the regional ones on the map, "
                  "compare and country pages. They are checked with the same rules as the shipped data, kept only in your "
                  "session, never saved, and marked as user-supplied."))
    from aseancop import upload as up  # noqa: E402
    from components import issues  # noqa: E402

    c1, c2 = st.columns(2)
    c1.download_button(_("Template (CSV)"), data=up.template_csv(), file_name="upload-template.csv", mime="text/csv",
                       key="tpl", on_click="ignore")
    c2.download_button(_("Filled example (CSV)"), data=lambda: up.example_csv(ds), file_name="upload-example.csv", mime="text/csv",
                       key="example", on_click="ignore")
    with st.expander(_("Columns and allowed values")):
        st.table({_("column"): [f"`{c}`" for c in up.ALLOWED_HELP], _("what to put"): [issues.column_help(c) for c in up.ALLOWED_HELP]})
    uploaded = st.file_uploader(_("CSV file (UTF-8, comma-separated, at most 1 MB and 2,000 rows)"), type=None, key="upload")
    if uploaded is not None:
        good, problems = up.parse_upload(uploaded.getvalue(), uploaded.name, ds)
        if problems:
            st.error(_("{n} problem(s) found. Rows with a problem were not added; fix them and upload again.").format(n=len(problems)))
            st.dataframe({_("line"): [p.row if p.row is not None else "" for p in problems],
                          _("column"): [p.column or "" for p in problems], _("what is wrong"): [issues.message(p.message) for p in problems]},
                         hide_index=True, width="stretch")
        if not good.empty:
            if st.button(_("Show {n} valid row(s) on the dashboard").format(n=len(good)), key="use_upload", type="primary"):
                st.session_state["user_rows"] = good
                st.rerun()
        elif not problems:
            st.info(_("No rows to add."))
    if st.session_state.get("user_rows") is not None and st.button(_("Remove my uploaded figures"), key="clear_upload"):
        st.session_state.pop("user_rows", None)
        st.session_state.pop("_overlay", None)
        st.rerun()
