"""The main window's screens, one module each (Campaigns, Styles, People, Segments, Settings)."""
