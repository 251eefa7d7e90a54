"""What the MkDocs plugin does at each step of a build, one concern per module.

:mod:`.content` loads and checks the portal's files, :mod:`.pages` turns them
into MkDocs pages, :mod:`.assets` adds the files those pages need,
:mod:`.outputs` makes the search index, calendars, feeds and open data beside
the pages, and :mod:`rrma.render` renders with the theme's templates. The
plugin (:mod:`rrma.plugin`) only calls them from its hooks.
"""
