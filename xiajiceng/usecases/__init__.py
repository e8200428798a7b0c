"""What xjc does, as plain functions over a workspace, one module per command family.
Nothing here prints: each use case returns a result that a view renders."""
