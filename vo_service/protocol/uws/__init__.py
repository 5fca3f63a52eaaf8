"""UWS 1.1 job management for TAP's /async endpoint: job state in the database, results as files."""
