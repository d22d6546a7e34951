"""The bundled sample workspace, so a new user opens the app on something real."""
from engine.sample.generator import SAMPLE_NOW, create_sample, generate_people

__all__ = ["create_sample", "generate_people", "SAMPLE_NOW"]
