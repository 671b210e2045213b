"""growth: collect the evidence of your own progress, and see it on the heavy days."""

__version__ = "0.1.0"
