"""Data layer of the ASEAN child online protection dashboard: load, validate, answer. No Streamlit."""

from .cache import load_dataset_cached
from .dataset import MIN_COMPARABLE_STATES, Dataset, Estimate
from .errors import DataError, Issue
from .formatting import NO_DATA, format_value
from .loader import DEFAULT_DATA_DIR, load_dataset

__all__ = ["MIN_COMPARABLE_STATES", "Dataset", "Estimate", "DataError", "Issue", "NO_DATA", "format_value", "load_dataset", "load_dataset_cached", "DEFAULT_DATA_DIR"]
