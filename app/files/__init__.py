"""The Design Studio file manager (spec design-studio §0.2–0.3), Qt side."""
