"""Reading Room: publish a digital archive of historical documents."""

__version__ = "0.1.0"
