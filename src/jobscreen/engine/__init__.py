"""The scoring engine: pure functions of a vacancy, a profile and an as-of date."""
