"""The bundled pipeline stages; importing this package registers them (pipeline.registry)."""
from parley.stages import (  # noqa: F401
    actors, attribution, dates, events, finalize, parse, places, sentences,
)
