"""Workspace global styles (spec §5): variables, component defaults, JSON load/save."""
from engine.styles.model import (
    BLOCK_FIELDS, COMPONENT_BLOCKS, ColorVar, FontVar, GlobalStyles, LengthVar, hex_with_opacity, quote_family,
)

__all__ = ["BLOCK_FIELDS", "COMPONENT_BLOCKS", "ColorVar", "FontVar", "GlobalStyles", "LengthVar",
           "hex_with_opacity", "quote_family"]
