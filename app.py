"""ASEAN Child Online Protection Dashboard: page config, shared filters, navigation.

Run with `./run.sh` (or `streamlit run app.py`). Data flows one way: data/ files -> aseancop
(validated, cached once per process) -> components -> thin pages in pages/.
"""

import streamlit as st

from components import filters
from components import boundary, care, printstyle, stage, warm
from components.boundary import section
from components.data import dataset
from components.i18n import _
from components.layout import apply_mode

st.set_page_config(page_title="ASEAN Child Online Protection Dashboard", page_icon="🧒",
                   layout="wide", initial_sidebar_state="auto")

boundary.begin_run()
ds = dataset()
warm.start(ds)  # the dataset's per-filter answers, once per process, in the background (see components/warm.py)
filters.init_state(ds)  # first: the session's language (lang=…) decides the page titles below

PAGES = [
    st.Page("pages/overview.py", title=_("Overview"), icon=":material/home:", default=True),
    st.Page("pages/map.py", title=_("Map explorer"), icon=":material/map:", url_path="map"),
    st.Page("pages/country.py", title=_("Country profile"), icon=":material/flag:", url_path="country"),
    st.Page("pages/compare.py", title=_("Compare"), icon=":material/compare_arrows:", url_path="compare"),
    st.Page("pages/priority_areas.py", title=_("Priority-area tracker"), icon=":material/grid_on:", url_path="priority-areas"),
    st.Page("pages/trends.py", title=_("Trends"), icon=":material/show_chart:", url_path="trends"),
    st.Page("pages/timeline.py", title=_("Timeline of measures"), icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/data.py", title=_("Data & sources"), icon=":material/table:", url_path="data"),
    st.Page("pages/briefing.py", title=_("Forum briefing"), icon=":material/slideshow:", url_path="briefing"),
]

pg = st.navigation(PAGES, position="sidebar")
with section("sidebar"):
    f = filters.sidebar(ds)
    filters.write_url(f, ds)
f = filters.current()
apply_mode(f.present)
printstyle.inject()  # A4 landscape print style for every page
filters.show_notes(filters.current())
if ds.n_user_rows:
    st.warning(_("This session includes {n} user-supplied figures (marked 'User-supplied' in tables and "
                 "hover text). They are not verified and are visible to you only.").format(n=ds.n_user_rows),
               icon=":material/upload_file:")
with st.sidebar:
    st.caption(_("Data: Disrupting Harm (ECPAT, INTERPOL, UNICEF), NCMEC, ITU/World Bank, UNICEF, national "
                 "statistics and legal reviews; see Data & sources. Boundaries: Natural Earth (public domain). "
                 "Works offline."))
with section("page"):  # a page's own sections have their own boundaries; this catches the rest
    if not f.present:
        filters.summary_line(ds, f)  # a phone's sidebar starts closed: what is filtered, and a button to change it
    if f.present and stage.has_stage(pg.url_path):
        # on the projector a page is its stage: one message, one chart, one screen (components/stage.py); the full
        # page is the same link without present=1
        stage.render(ds, f, pg.url_path, pg.title)
    else:
        care.for_page(ds, pg.url_path, f)  # pages that show abuse figures open with the care note and the helplines
        pg.run()
warm.freeze_after_first_run(pg.url_path)  # keeps Streamlit's after-run garbage collection cheap (see components/warm.py)
