"""The bundled pipeline stages; importing this package registers them (pipeline.registry).
The default order is `pipeline.registry.DEFAULT_PIPELINE`."""
from parley.plugins import import_all

import_all("parley.stages")
