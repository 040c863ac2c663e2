"""The only code that queries or commits. Routes call these functions."""
