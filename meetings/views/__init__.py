"""meetings's pages, one module per subject; the URLconf imports the modules."""
