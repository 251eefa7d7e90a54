"""RRMA portal: content model, checks and MkDocs plugins.

The model, loading and checks (``rrma.core``, ``rrma.kinds``) never import
MkDocs; ``rrma.plugin`` is a thin adapter over them, and ``rrma.cli`` runs the
same checks without a build.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
