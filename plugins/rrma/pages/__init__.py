"""Page data: what each generated page shows, computed from a :class:`Site`.

Nothing here imports MkDocs. The plugin turns each :class:`PageSpec` into a
``File.generated`` stub and hands its ``context`` to the page's template.
"""
