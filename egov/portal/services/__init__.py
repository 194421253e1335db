"""Writes of the public portal: online applications (drafts, papers, payment, submission)."""
