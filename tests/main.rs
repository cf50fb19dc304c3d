//! Integration tests: one binary, modules per layer.
