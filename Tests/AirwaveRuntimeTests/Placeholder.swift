// Tests for this module land with its first types.
