"""Timeline of measures (/timeline): what each member state enacted, brought into force, signed, filed as a bill or
launched, 2019-2026, with "since the forum (November 2023)" as a one-click view (since=2023-11)."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import filters, timeline, wording
from components.boundary import section
from components.data import dataset
from components.i18n import _
from components.layout import header, source_footnote

ds = dataset()
f = filters.current()
header(_("What changed: timeline of measures"),
       _("Laws, bills, signatures, specialised units and services of each member state, 2019–2026, each at the date "
         "its source gives. Narrow it with the priority area and countries in the sidebar."))
st.caption(wording.as_of(ds))

with section("timeline"):
    since = timeline.since_choice()
    timeline.show(ds, f, since)
    source_footnote(ds, ds.timeline([c for c in ds.member_codes if not f.countries or c in f.countries],
                                    f.area or None, since))
