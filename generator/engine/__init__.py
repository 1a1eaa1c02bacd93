"""The build engine: what changed, who renders it, and writing outputs safely."""
