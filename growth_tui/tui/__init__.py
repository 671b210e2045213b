"""The app: screens, widgets and styles over the core."""
