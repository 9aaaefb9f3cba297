"""panelqa: cited question answering over Police and Crime Panel papers."""

__version__ = "0.1.0"
