"""Files other than pages: calendars, feeds and structured data. No MkDocs import."""
