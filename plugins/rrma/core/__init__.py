"""Format-level machinery shared by every collection: reading files, YAML with
positions, front matter, diagnostics and the French error catalogue."""
