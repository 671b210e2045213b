"""Screens of the growth app, one file each."""
