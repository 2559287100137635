"""Map formats: one module per format with ``loads``/``dumps`` (``load``/``dump``).

The format layer (docs/architecture.md): with :mod:`argmap.io` and the CLI
the only code that reads files. :mod:`argmap.formats.registry` is the one
place a format is named and reads a map in any format;
:mod:`argmap.formats.sources` reads the texts a map quotes;
:mod:`argmap.formats.yaml` is the native format and its validator. Ids come
from :mod:`argmap.ids`. Formats may import the model, the graph builder, ids,
io and errors, never :mod:`argmap.analysis` or anything above it. To add a
format, see docs/architecture.md, "Where a change goes".
"""
