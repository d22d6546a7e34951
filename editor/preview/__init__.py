"""The email preview (Qt): live pane, offscreen snapshots and the QA matrix.

The decisions that need no Qt live in `engine.preview`; this package only
drives Qt WebEngine: `web` (a locked-down page), `snapshot` (full-page PNGs
offscreen), `pane` (the `PreviewPane` widget), `qa_matrix` (the grid).
"""
