"""Loading and validating an organiser's content: YAML → typed models."""
