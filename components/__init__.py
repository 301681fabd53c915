"""Streamlit components: filters (URL-bound), figures, maps, page furniture, exports."""
