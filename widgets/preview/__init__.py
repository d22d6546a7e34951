"""Qt WebEngine previews: per-page colour scheme over DevTools and a render-and-probe harness.

`environment` has no Qt import so a program (or conftest) can prepare the
process before the QApplication exists; import `devtools`/`harness` after.
"""
