"""Map formats: one module per format with ``loads``/``dumps`` (``load``/``dump``).

:mod:`argmap.formats.registry` is the one place a format is named.
"""
