"""Pure functions over the model and graph: queries, statistics, semantics, stakeholders."""
