"""Data layer of the ASEAN child online protection dashboard: load, validate, answer. No Streamlit."""

from .dataset import MIN_COMPARABLE_STATES, Dataset, Estimate
from .errors import DataError, Issue
from .formatting import NO_DATA, format_value
from .loader import DEFAULT_DATA_DIR, load_dataset

__all__ = ["MIN_COMPARABLE_STATES", "Dataset", "Estimate", "DataError", "Issue", "NO_DATA", "format_value", "load_dataset", "DEFAULT_DATA_DIR"]
