"""The NLP layer: spaCy pipeline, components and the pure helpers they call."""
