"""One module per collection: schema, loading, references and rules side by side."""
