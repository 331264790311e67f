"""Test project: Go functions of every supported type."""
